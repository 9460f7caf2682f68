import Foundation
import Testing

/// Runs the built `acsa` executable, as a user would.
enum CLI {
  struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var executable: URL {
    // Another build of acsa to run the tests against (an earlier one, say).
    if let path = ProcessInfo.processInfo.environment["ACSA_TEST_EXECUTABLE"] { return URL(fileURLWithPath: path) }
    // The test bundle and the tool are built into the same products directory.
    // (Found from the running test binary, portably: no /proc.)
    let exe = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    while dir.path != "/" {
      let candidate = dir.appendingPathComponent("acsa")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/acsa")
  }

  static func scenario(_ name: String) -> String { packageRoot.appendingPathComponent("scenarios/" + name).path }

  static func golden(_ name: String) -> URL { packageRoot.appendingPathComponent("Tests/acsaCLITests/Golden/" + name) }

  /// A fresh directory for one test.
  static func tempDir() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Output {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain stderr on another thread while reading stdout, so that neither pipe can
    // fill up and block the child.
    let box = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      box.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let stderrData = box.data
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
      stderr: String(decoding: stderrData, as: UTF8.self))
  }

  /// Replaces machine-specific paths so that output can be compared with a golden file.
  static func normalize(_ text: String, tmp: URL?) -> String {
    var t = text.replacingOccurrences(of: packageRoot.path, with: "ROOT")
    if let tmp { t = t.replacingOccurrences(of: tmp.path, with: "TMP") }
    return t
  }

  /// Compares with a golden file; `ACSA_UPDATE_GOLDEN=1` rewrites it instead.
  static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = golden(name)
    if ProcessInfo.processInfo.environment["ACSA_UPDATE_GOLDEN"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "differs from Golden/\(name); rerun with ACSA_UPDATE_GOLDEN=1 to accept", sourceLocation: sourceLocation)
  }
}

final class DataBox: @unchecked Sendable {
  var data = Data()
}

extension CLI {
  /// Runs SQL on a ledger with the sqlite3 shell, as an insider would.
  static func sqlite(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, sql]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
      throw CLIError("sqlite3 failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs the KAMANDAG scenario into a fresh ledger; returns the folder and the path.
  static func kamandagLedger(_ name: String = "k.sqlite") throws -> (URL, String) {
    let tmp = try tempDir()
    let out = try run(["run", scenario("kamandag-2026.yaml"), "--db", name], in: tmp)
    if out.status != 0 { throw CLIError("run failed: \(out.stderr)") }
    return (tmp, tmp.appendingPathComponent(name).path)
  }
}

struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}

extension CLI {
  /// `Faults/faults.c` built as a library to preload (`LD_PRELOAD`), which makes fsync
  /// or writes fail as a broken or full disk would; built once per test run with the C
  /// compiler at hand (`cc`, or the toolchain's `clang`).
  static func faultLibrary() throws -> String {
    try FaultLibrary.shared.path.get()
  }

  /// Runs `acsa` as the unprivileged user `nobody` (the tests run as root, whom no
  /// permission stops), with `setpriv`; nil when that cannot be done here.
  static func runAsNobody(_ arguments: [String], in directory: URL) throws -> Output? {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    process.environment = env
    let err = Pipe()
    let out = Pipe()
    process.standardError = err
    process.standardOutput = out
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
  }
}

final class FaultLibrary: Sendable {
  static let shared = FaultLibrary()
  let path: Result<String, CLIError>

  init() {
    let source = CLI.packageRoot.appendingPathComponent("Tests/acsaCLITests/Faults/faults.c").path
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-faults-\(getpid()).so").path
    let compilers = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"] + [CLI.toolchainClang].compactMap { $0 }
    guard let compiler = compilers.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      path = .failure(CLIError("no C compiler to build \(source)"))
      return
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: compiler)
    process.arguments = ["-shared", "-fPIC", "-O1", "-o", output, source, "-ldl"]
    do {
      try process.run()
      process.waitUntilExit()
      path = process.terminationStatus == 0 ? .success(output) : .failure(CLIError("\(compiler) could not build \(source)"))
    } catch {
      path = .failure(CLIError("\(compiler): \(error)"))
    }
  }
}

extension CLI {
  /// The clang beside the running Swift toolchain, if any.
  static var toolchainClang: String? {
    let which = Process()
    which.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    which.arguments = ["which", "swift"]
    let pipe = Pipe()
    which.standardOutput = pipe
    guard (try? which.run()) != nil else { return nil }
    which.waitUntilExit()
    let swift = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !swift.isEmpty else { return nil }
    return URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("clang").path
  }
}
