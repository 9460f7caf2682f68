import Foundation
import Testing

/// Headless Chromium for the browser tests: Debian's `chromium` (CI installs it), or the
/// browser named by `ACSA_CHROMIUM`.
enum Browser {
  /// The browser's path, or nil when none is installed.
  static let path: String? = {
    let env = ProcessInfo.processInfo.environment
    if let named = env["ACSA_CHROMIUM"], !named.isEmpty { return named }
    return Tool.find(["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"])
  }()

  /// CI installs chromium, so there a missing browser is a failure, not a skip.
  static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  static var runnable: Bool { path != nil || required }

  /// Renders `page` in a `width` x `height` window and saves the screenshot as PNG.
  static func screenshot(_ page: URL, to png: URL, width: Int, height: Int) throws {
    guard let path else { throw CLIError("no chromium") }
    // A profile of its own, so that tests running at once do not share one.
    let profile = png.deletingLastPathComponent().appendingPathComponent("chromium-profile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    let out = try Tool.run(
      path,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
        "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", "--screenshot=\(png.path)", page.absoluteString,
      ], timeout: 120)
    guard FileManager.default.fileExists(atPath: png.path) else {
      throw CLIError("chromium wrote no screenshot (exit \(out.status)): \(out.stderr.suffix(2000))")
    }
  }
}

/// What `Scripts/png_regions.py` finds in a screenshot: the plot areas (by background
/// colour) and, in each, how many pixels of each series colour, of text, and of axes.
struct ScreenshotRegions: Decodable {
  struct Band: Decodable {
    let x0: Int
    let x1: Int
    let y0: Int
    let y1: Int
    let inks: [String: Int]
    let other: Int
    let axis_left: Int
    let axis_bottom: Int

    var width: Int { x1 - x0 + 1 }
    var height: Int { y1 - y0 + 1 }
    func ink(_ name: String) -> Int { inks[name] ?? 0 }
  }

  let width: Int
  let height: Int
  let plots: [String: [Band]]

  /// Reads `png` with python3 (standard library only).
  static func read(_ png: URL, plots: [String: String], inks: [String: String]) throws -> ScreenshotRegions {
    let spec = png.deletingPathExtension().appendingPathExtension("spec.json")
    let specObject: [String: Any] = ["plots": plots, "inks": inks, "tolerance": 10]
    try JSONSerialization.data(withJSONObject: specObject).write(to: spec)
    let script = CLI.packageRoot.appendingPathComponent("Tests/acsaCLITests/Scripts/png_regions.py").path
    guard let python = Tool.find(["python3"]) else { throw CLIError("python3 is needed to read the screenshot") }
    let out = try Tool.run(python, [script, png.path, spec.path], timeout: 300)
    guard out.status == 0 else { throw CLIError("png_regions.py failed: \(out.stderr)") }
    return try JSONDecoder().decode(ScreenshotRegions.self, from: Data(out.stdout.utf8))
  }
}

/// Other programs the tests run.
enum Tool {
  /// The first of `names` found on PATH.
  static func find(_ names: [String]) -> String? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    for name in names {
      for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
    }
    return nil
  }

  /// Runs a program to its end (killed after `timeout` seconds), its output kept in files
  /// so that a chatty program can never block on a full pipe.
  static func run(_ path: String, _ arguments: [String], timeout: TimeInterval) throws -> CLI.Output {
    let dir = try CLI.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("stdout")
    let errURL = dir.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    if done.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      done.wait()
      throw CLIError("\(path) did not finish within \(Int(timeout)) s")
    }
    return CLI.Output(
      status: process.terminationStatus, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
  }
}
