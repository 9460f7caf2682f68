import Foundation

/// A progress bar on standard error, redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
  let total: Int
  let label: String
  let unit: String
  private let lock = NSLock()
  private var last = Date.distantPast

  init(total: Int, label: String, unit: String = "") {
    self.total = total
    self.label = label
    self.unit = unit
  }

  /// Whether a bar should be shown: standard error is a terminal.
  static var wanted: Bool { isatty(STDERR_FILENO) != 0 }

  func update(_ done: Int) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard done == total || now.timeIntervalSince(last) > 0.1 else { return }
    last = now
    let width = 30
    let filled = total == 0 ? width : width * done / total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)\(unit.isEmpty ? "" : " " + unit)".utf8))
    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
