import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Nothing lost: a command that writes replaces only the kind of file it writes, never
/// one of its inputs, keeps the replaced file's permissions, refuses a second writer of
/// the same path, and leaves the previous file whole when the disk fails it.
@Suite("Outputs: nothing that is not acsa's is ever replaced")
struct OutputSafetyTests {
  static let kamandag = CLI.scenario("kamandag-2026.yaml")

  /// The bytes of a file, to show it was not touched.
  static func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

  /// The folder's names, but for the lock files and temporary files that must be gone.
  static func leftovers(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") || $0.hasSuffix(".lock") }
  }

  @Test(
    "every writing command refuses a destination that is not the kind it writes, names it, exits 3 and touches nothing",
    arguments: [
      // (what is at the destination, the command, the message's description of it)
      ("notes.txt", "my notes\n", ["run", kamandag, "--db", "notes.txt"], "a text file, not an acsa ledger"),
      ("page.html", "<!DOCTYPE html><p>mine</p>\n", ["run", kamandag, "--db", "page.html"], "an HTML page, not an acsa ledger"),
      ("other.sqlite", "", ["run", kamandag, "--db", "other.sqlite"], "an SQLite database (it has no meta table), not an acsa ledger"),
      ("notes.txt", "my notes\n", ["export", "k.sqlite", "--book", "JP", "--db", "notes.txt"], "a text file, not an acsa ledger"),
      (
        "notes.txt", "my notes\n", ["export", "k.sqlite", "--format", "ledger", "-o", "notes.txt"],
        "a text file, not a journal exported by acsa"
      ),
      (
        "notes.json", "{\"mine\": 1}\n", ["export", "k.sqlite", "--format", "json", "-o", "notes.json"],
        "a JSON document, not a JSON export written by acsa"
      ),
      (
        "page.html", "<!DOCTYPE html><p>mine</p>\n", ["report", "k.sqlite", "--html", "page.html"],
        "an HTML page, not an HTML report written by acsa"
      ),
      (
        "mine.yaml", "scenario:\n  name: mine\n", ["expand", kamandag, "-o", "mine.yaml"],
        "a YAML scenario, not a scenario written by acsa expand"
      ),
      ("notes.txt", "my notes\n", ["new", "notes.txt", "--force"], "a text file, not a YAML scenario"),
    ] as [(String, String, [String], String)])
  func refusesForeignFiles(name: String, content: String, arguments: [String], described: String) throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let target = tmp.appendingPathComponent(name)
    if name == "other.sqlite" {
      _ = try CLI.sqlite(target.path, "CREATE TABLE t(x); INSERT INTO t VALUES (1);")
    } else {
      try content.write(to: target, atomically: true, encoding: .utf8)
    }
    let before = try Self.bytes(target)
    let out = try CLI.run(arguments, in: tmp)
    #expect(out.status == 3, "\(out.stderr)")
    #expect(out.stderr.hasPrefix("acsa: error: \(name) is \(described): nothing was written."), "\(out.stderr)")
    #expect(try Self.bytes(target) == before)
    #expect(try Self.leftovers(tmp).isEmpty)
  }

  @Test("CSV export replaces only acsa's own CSV files in its folder")
  func csvFolder() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let dir = tmp.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try "my own orders\n".write(to: dir.appendingPathComponent("orders.csv"), atomically: true, encoding: .utf8)
    let out = try CLI.run(["export", "k.sqlite", "--format", "csv", "-o", "out"], in: tmp)
    #expect(out.status == 3)
    #expect(out.stderr.contains("out/orders.csv is a text file, not acsa's orders.csv: nothing was written."), "\(out.stderr)")
    #expect(try String(contentsOf: dir.appendingPathComponent("orders.csv"), encoding: .utf8) == "my own orders\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["orders.csv"])
    // acsa's own files are replaced, again and again.
    try FileManager.default.removeItem(at: dir.appendingPathComponent("orders.csv"))
    #expect(try CLI.run(["export", "k.sqlite", "--format", "csv", "-o", "out"], in: tmp).status == 0)
    #expect(try CLI.run(["export", "k.sqlite", "--format", "csv", "-o", "out"], in: tmp).status == 0)
  }

  @Test("never an input: the scenario being read, a scenario named like a ledger, the ledger being exported or reported")
  func neverAnInput() throws {
    let tmp = try CLI.tempDir()
    let scenario = try String(contentsOfFile: Self.kamandag, encoding: .utf8)
    for name in ["s.yaml", "plan.sqlite"] { try scenario.write(to: tmp.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    let itself = try CLI.run(["run", "s.yaml", "--db", "s.yaml"], in: tmp)
    #expect(itself.status == 3)
    #expect(itself.stderr == "acsa: error: s.yaml is the file this command reads: nothing was written; choose another output path\n")
    // Without --db the ledger would be plan.sqlite: the scenario itself.
    let named = try CLI.run(["run", "plan.sqlite"], in: tmp)
    #expect(named.status == 3)
    #expect(named.stderr.contains("plan.sqlite is the file this command reads"))
    for name in ["s.yaml", "plan.sqlite"] {
      #expect(try String(contentsOf: tmp.appendingPathComponent(name), encoding: .utf8) == scenario)
    }
    // A hard link to the scenario is the same file.
    try FileManager.default.linkItem(at: tmp.appendingPathComponent("s.yaml"), to: tmp.appendingPathComponent("link.sqlite"))
    #expect(try CLI.run(["run", "s.yaml", "--db", "link.sqlite"], in: tmp).status == 3)

    #expect(try CLI.run(["run", "s.yaml", "--db", "led.sqlite"], in: tmp).status == 0)
    let ledger = try Self.bytes(tmp.appendingPathComponent("led.sqlite"))
    let export = try CLI.run(["export", "led.sqlite", "--book", "JP", "--db", "led.sqlite"], in: tmp)
    #expect(export.status == 3)
    #expect(export.stderr.contains("led.sqlite is the file this command reads"))
    let report = try CLI.run(["report", "led.sqlite", "--html", "led.sqlite"], in: tmp)
    #expect(report.status == 3)
    #expect(try Self.bytes(tmp.appendingPathComponent("led.sqlite")) == ledger, "the two-book ledger is whole")
    #expect(try Self.leftovers(tmp).isEmpty)
  }

  @Test("an acsa ledger, an empty file and a missing one are replaced; a folder or a link is not")
  func replacesWhatItWrites() throws {
    let (tmp, path) = try CLI.kamandagLedger()
    #expect(try CLI.run(["run", Self.kamandag, "--db", "k.sqlite"], in: tmp).status == 0)
    #expect(FileManager.default.createFile(atPath: tmp.appendingPathComponent("empty.sqlite").path, contents: Data()))
    #expect(try CLI.run(["run", Self.kamandag, "--db", "empty.sqlite"], in: tmp).status == 0)
    try FileManager.default.createDirectory(at: tmp.appendingPathComponent("dir.sqlite"), withIntermediateDirectories: true)
    let folder = try CLI.run(["run", Self.kamandag, "--db", "dir.sqlite"], in: tmp)
    #expect(folder.status == 3 && folder.stderr.contains("dir.sqlite: it is a folder, not a file"), "\(folder.stderr)")
    try FileManager.default.createSymbolicLink(atPath: tmp.appendingPathComponent("link.sqlite").path, withDestinationPath: path)
    let link = try CLI.run(["run", Self.kamandag, "--db", "link.sqlite"], in: tmp)
    #expect(link.status == 3 && link.stderr.contains("link.sqlite is a symbolic link, not an acsa ledger"), "\(link.stderr)")
  }

  @Test("a replaced ledger, page or export keeps the permissions of the file it replaces")
  func keepsPermissions() throws {
    let (tmp, path) = try CLI.kamandagLedger()
    #expect(chmod(path, 0o600) == 0)
    #expect(try CLI.run(["run", Self.kamandag, "--db", "k.sqlite"], in: tmp).status == 0)
    #expect(try Self.mode(path) == 0o600)
    #expect(try CLI.run(["report", "k.sqlite", "--html", "r.html"], in: tmp).status == 0)
    let page = tmp.appendingPathComponent("r.html").path
    #expect(chmod(page, 0o640) == 0)
    #expect(try CLI.run(["report", "k.sqlite", "--html", "r.html"], in: tmp).status == 0)
    #expect(try Self.mode(page) == 0o640)
  }

  static func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int) ?? -1
  }

  @Test("a second writer of the same path is refused while the first holds its lock, and the lock goes with the first")
  func lock() throws {
    let (tmp, path) = try CLI.kamandagLedger()
    let before = try Self.bytes(URL(fileURLWithPath: path))
    // This test process plays the first writer.
    let lockPath = tmp.appendingPathComponent(".k.sqlite.lock").path
    let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
    #expect(fd >= 0)
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let pid = "\(getpid())\n"
    _ = pid.withCString { write(fd, $0, strlen($0)) }
    let second = try CLI.run(["run", Self.kamandag, "--db", "k.sqlite"], in: tmp)
    #expect(second.status == 3)
    #expect(
      second.stderr
        == "acsa: error: cannot write k.sqlite: another acsa process (pid \(getpid())) is writing it; nothing was written (try again when it has finished)\n"
    )
    #expect(try Self.bytes(URL(fileURLWithPath: path)) == before)
    close(fd)
    // Released (as when the first writer ends or is killed): the next run proceeds.
    #expect(try CLI.run(["run", Self.kamandag, "--db", "k.sqlite"], in: tmp).status == 0)
    #expect(try Self.leftovers(tmp).isEmpty, "the lock file is removed by the writer that held it")
  }

  @Test("two runs started together on one path: never both writing; the file is one complete ledger that verifies")
  func concurrentRuns() throws {
    let tmp = try CLI.tempDir()
    try CrashSafetyTests.longScenario(orders: 1500, name: "a").write(
      to: tmp.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    try CrashSafetyTests.longScenario(orders: 1500, name: "b").write(
      to: tmp.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
    let results = ResultBox()
    let group = DispatchGroup()
    for name in ["a.yaml", "b.yaml"] {
      group.enter()
      DispatchQueue.global().async {
        let out = try? CLI.run(["run", name, "--db", "L.sqlite", "--quiet"], in: tmp)
        results.append(out)
        group.leave()
      }
    }
    group.wait()
    let outs = results.values.compactMap { $0 }
    #expect(outs.count == 2)
    for out in outs where out.status != 0 {
      #expect(out.status == 3 && out.stderr.contains("is writing it; nothing was written"), "\(out.stderr)")
    }
    #expect(outs.contains { $0.status == 0 })
    #expect(try CLI.run(["verify", "L.sqlite"], in: tmp).status == 0)
    #expect(try Self.leftovers(tmp).isEmpty)
  }

  @Test("a failed fsync or a full disk fails the command (exit 3, the cause in words) and the previous file stays whole")
  func diskFailures() throws {
    let faults = try CLI.faultLibrary()
    let (tmp, path) = try CLI.kamandagLedger()
    let before = try Self.bytes(URL(fileURLWithPath: path))
    #expect(try CLI.run(["report", "k.sqlite", "--html", "r.html"], in: tmp).status == 0)
    let page = try Self.bytes(tmp.appendingPathComponent("r.html"))
    let cases: [(env: [String: String], arguments: [String], message: String)] = [
      // acsa's own sync of the finished file (SQLite's syncs work).
      (
        ["ACSA_FAULT_FSYNC": "readonly"], ["run", Self.kamandag, "--db", "k.sqlite"],
        "acsa: error: cannot write k.sqlite (fsync): an input/output error (the disk or the file system failed)\n"
      ),
      (
        ["ACSA_FAULT_FSYNC": "all"], ["run", Self.kamandag, "--db", "k.sqlite"],
        "acsa: error: cannot write k.sqlite (fsync): an input/output error (the disk or the file system failed)\n"
      ),
      (
        ["ACSA_FAULT_FULL_AFTER": "40000"], ["run", Self.kamandag, "--db", "k.sqlite"],
        "acsa: error: cannot write k.sqlite: the disk is full\n"
      ),
      (
        ["ACSA_FAULT_FSYNC": "all"], ["report", "k.sqlite", "--html", "r.html"],
        "acsa: error: cannot write r.html (fsync): an input/output error (the disk or the file system failed)\n"
      ),
      (
        ["ACSA_FAULT_FULL_AFTER": "1000"], ["report", "k.sqlite", "--html", "r.html"],
        "acsa: error: cannot write r.html: the disk is full\n"
      ),
      (
        ["ACSA_FAULT_FULL_AFTER": "1000"], ["export", "k.sqlite", "--book", "PH", "--db", "k.sqlite.ph"],
        "acsa: error: cannot write k.sqlite.ph: the disk is full\n"
      ),
    ]
    for c in cases {
      var env = c.env
      env["LD_PRELOAD"] = faults
      let out = try CLI.run(c.arguments, in: tmp, environment: env)
      #expect(out.status == 3, "\(c.arguments) \(c.env): \(out.stderr)")
      #expect(out.stderr == c.message, "\(c.arguments) \(c.env)")
      #expect(try Self.bytes(URL(fileURLWithPath: path)) == before)
      #expect(try Self.bytes(tmp.appendingPathComponent("r.html")) == page)
      #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("k.sqlite.ph").path))
      #expect(try Self.leftovers(tmp).isEmpty)
    }
    #expect(try CLI.run(["verify", "k.sqlite"], in: tmp).status == 0)
  }
}

final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [CLI.Output?] = []
  func append(_ value: CLI.Output?) {
    lock.lock()
    values.append(value)
    lock.unlock()
  }
}
