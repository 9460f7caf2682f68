import Foundation
import Testing

/// One table of exit statuses, true for every subcommand (the README's "Exit codes"):
/// 0 success, 1 something to report, 2 bad input, 3 the environment, 64 usage.
@Suite("Exit statuses: one class per status, for every subcommand")
struct ExitCodeTests {
  static let kamandag = CLI.scenario("kamandag-2026.yaml")

  /// A folder with the KAMANDAG ledger, a scenario with a static error, a scenario
  /// with a failed expectation, a ledger whose books differ and a text file.
  static func world() throws -> URL {
    let (tmp, _) = try CLI.kamandagLedger()
    let source = try String(contentsOfFile: kamandag, encoding: .utf8)
    try source.replacingOccurrences(of: "activity: KAMANDAG-10, provider: MBLT-4", with: "activity: NOPE, provider: MBLT-4")
      .write(to: tmp.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
    try source.replacingOccurrences(of: "cash: \"PHP 2142000.00\"", with: "cash: \"PHP 1.00\"")
      .write(to: tmp.appendingPathComponent("fails.yaml"), atomically: true, encoding: .utf8)
    try source.replacingOccurrences(
      of: "  - date: 2026-10-19\n    deliver: { order: PH-0002 }",
      with: "  - date: 2026-10-19\n    books: [PH]\n    deliver: { order: PH-0002 }"
    ).write(to: tmp.appendingPathComponent("lost.yaml"), atomically: true, encoding: .utf8)
    #expect(try CLI.run(["run", "lost.yaml"], in: tmp).status == 1)
    try "just text\n".write(to: tmp.appendingPathComponent("text.sqlite"), atomically: true, encoding: .utf8)
    return tmp
  }

  static func expectStatus(_ status: Int32, _ cases: [[String]], in tmp: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for arguments in cases {
      let out = try CLI.run(arguments, in: tmp)
      #expect(out.status == status, "acsa \(arguments.joined(separator: " ")): \(out.status) \(out.stderr)", sourceLocation: sourceLocation)
      if status >= 2 {
        #expect(!out.stderr.isEmpty, "acsa \(arguments.joined(separator: " ")) says why", sourceLocation: sourceLocation)
      }
    }
  }

  @Test("0: success")
  func success() throws {
    let tmp = try Self.world()
    try Self.expectStatus(
      0,
      [
        ["validate", Self.kamandag], ["run", Self.kamandag, "--db", "k.sqlite"], ["explain", Self.kamandag], ["balance", "k.sqlite"],
        ["verify", "k.sqlite"], ["reconcile", "k.sqlite"], ["report", "k.sqlite", "--html", "r.html"],
        ["export", "k.sqlite", "--format", "json"], ["expand", Self.kamandag], ["glossary", "offset"], ["new", "n.yaml"], ["--help"],
        ["help", "run"], ["--version"],
      ], in: tmp)
  }

  @Test("1: something to report (a failed expectation, findings, a failed check, books that differ)")
  func somethingToReport() throws {
    let tmp = try Self.world()
    _ = try CLI.sqlite(
      tmp.appendingPathComponent("k.sqlite").path,
      "UPDATE postings SET amount = amount + 1 WHERE (book, entry_no, line_no) = (SELECT book, entry_no, line_no FROM postings LIMIT 1)")
    try Self.expectStatus(
      1,
      [
        ["run", "fails.yaml"], ["explain", "fails.yaml"], ["audit", "lost.sqlite"], ["verify", "k.sqlite"], ["reconcile", "lost.sqlite"],
      ], in: tmp)
  }

  @Test("2: bad input (a static error; a file that cannot be read, is not what the command reads, or is damaged)")
  func badInput() throws {
    let tmp = try Self.world()
    try FileManager.default.copyItem(at: tmp.appendingPathComponent("k.sqlite"), to: tmp.appendingPathComponent("cut.sqlite"))
    let cut = try FileHandle(forUpdating: tmp.appendingPathComponent("cut.sqlite"))
    let size = try cut.seekToEnd()
    try cut.truncate(atOffset: size - 4096)
    try cut.close()
    try Self.expectStatus(
      2,
      [
        ["validate", "bad.yaml"], ["run", "bad.yaml"], ["explain", "bad.yaml"], ["expand", "bad.yaml"], ["run", "nope.yaml"],
        ["balance", "nope.sqlite"], ["audit", "text.sqlite"], ["verify", Self.kamandag], ["report", "cut.sqlite", "--html", "c.html"],
        ["reconcile", "cut.sqlite"], ["export", "text.sqlite", "--format", "json"], ["validate", "k.sqlite"],
      ], in: tmp)
  }

  @Test("3: the environment (a missing folder, no permission, a full disk, a lock held, a file not acsa's to replace)")
  func environment() throws {
    let tmp = try Self.world()
    try Self.expectStatus(
      3,
      [
        ["run", Self.kamandag, "--db", "no/such/folder/k.sqlite"], ["report", "k.sqlite", "--html", "missing/r.html"],
        ["export", "k.sqlite", "--format", "csv", "-o", "no/such/dir"], ["run", Self.kamandag, "--db", "text.sqlite"],
        ["new", "bad.yaml"],
      ], in: tmp)
    // No permission: a folder that the user (not root) cannot write.
    let closed = tmp.appendingPathComponent("closed")
    try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: closed.path)
    if let out = try CLI.runAsNobody(["run", Self.kamandag, "--db", closed.appendingPathComponent("k.sqlite").path], in: tmp) {
      #expect(out.status == 3)
      #expect(out.stderr == "acsa: error: cannot write \(closed.path)/k.sqlite: permission denied\n", "\(out.stderr)")
    } else {
      try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: closed.path)
      let out = try CLI.run(["run", Self.kamandag, "--db", "closed/k.sqlite"], in: tmp)
      #expect(out.status == 3 && out.stderr.contains("permission denied"))
    }
    // A full disk.
    var env = ["LD_PRELOAD": try CLI.faultLibrary(), "ACSA_FAULT_FULL_AFTER": "20000"]
    let full = try CLI.run(["run", Self.kamandag, "--db", "k.sqlite"], in: tmp, environment: env)
    #expect(full.status == 3 && full.stderr.hasSuffix(": the disk is full\n"))
    env = ["LD_PRELOAD": try CLI.faultLibrary(), "ACSA_FAULT_FSYNC": "readonly"]
    #expect(try CLI.run(["report", "k.sqlite", "--html", "r.html"], in: tmp, environment: env).status == 3)
  }

  @Test("64: usage (an unknown subcommand or option, a malformed option value, a book the ledger does not have)")
  func usage() throws {
    let tmp = try Self.world()
    try Self.expectStatus(
      64,
      [
        ["audti", "k.sqlite"], ["run"], ["run", Self.kamandag, "--bogus"], ["balance", "k.sqlite", "--as-of", "2026-13-01"],
        ["balance", "k.sqlite", "--book", "US"], ["export", "k.sqlite", "--book", "US", "--db", "us.sqlite"],
        ["verify", "k.sqlite", "--head", "JP=abc"], ["run", Self.kamandag, "--runs", "0"], ["glossary", "ofset"],
        ["export", "k.sqlite", "--format", "csv"],
      ], in: tmp)
  }
}
