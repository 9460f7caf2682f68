/// What an existing path holds, read from its first bytes, so that a command can say
/// what it found there before it decides to replace it.
public struct FileProbe: Sendable {
  public enum Shape: Sendable { case regular, folder, link, special }

  public let path: String
  public let shape: Shape
  public let size: Int
  /// The first bytes of a regular file (up to `headLength`).
  public let head: [UInt8]

  static let headLength = 16 * 1024

  /// nil when nothing is at `path`.
  public init?(path: String) {
    let (link, error) = System.status(path, followLinks: false)
    guard error == 0 else { return nil }
    self.path = path
    if System.isLink(link) {
      shape = .link
    } else if System.isDirectory(link) {
      shape = .folder
    } else if System.isRegular(link) {
      shape = .regular
    } else {
      shape = .special
    }
    size = Int(link.st_size)
    if shape == .regular {
      let fd = System.openFile(path, System.readOnly)
      if fd >= 0 {
        head = System.readPrefix(fd, count: Self.headLength)
        _ = System.closeFile(fd)
      } else {
        head = []
      }
    } else {
      head = []
    }
  }

  public var isSQLite: Bool { head.starts(with: Array("SQLite format 3\u{0}".utf8)) }

  /// The head as text, when it is UTF-8 without NUL bytes (a cut last character is fine).
  public var text: String? {
    guard !head.contains(0) else { return nil }
    var bytes = head[...]
    // A multi-byte character cut by the end of the head.
    for _ in 0..<3 where String(validating: bytes, as: UTF8.self) == nil && !bytes.isEmpty { bytes = bytes.dropLast() }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Whether a line of the head starts with `prefix`.
  public func hasLine(startingWith prefix: String) -> Bool {
    guard let text else { return false }
    return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).contains { $0.hasPrefix(prefix) }
  }

  /// "a text file", "an SQLite database", "a YAML scenario"...: what a user would call it.
  public var kindDescription: String {
    switch shape {
    case .folder: return "a folder"
    case .link: return "a symbolic link"
    case .special: return "a device, pipe or socket"
    case .regular: break
    }
    if size == 0 { return "an empty file" }
    if isSQLite { return "an SQLite database" }
    guard let text else { return "a binary file" }
    let start = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
    if start.hasPrefix("<!DOCTYPE html") || start.hasPrefix("<html") { return "an HTML page" }
    if start.hasPrefix("{") || start.hasPrefix("[") { return "a JSON document" }
    if hasLine(startingWith: "scenario:") { return "a YAML scenario" }
    return "a text file"
  }
}

/// The kind of file a command writes, and how it recognises one it may replace.
public struct OutputKind: Sendable {
  /// "an acsa ledger", "an HTML report written by acsa".
  public let name: String
  let recognizes: @Sendable (FileProbe) -> Bool
  let describes: (@Sendable (FileProbe) -> String?)?
  /// Database files: their -wal, -shm and -journal beside them are removed with them.
  public let isDatabase: Bool

  /// `recognizes`: whether an existing file is one the command may replace;
  /// `describes`: a closer description than `FileProbe.kindDescription`, when it has one.
  public init(
    name: String, isDatabase: Bool = false, recognizes: @escaping @Sendable (FileProbe) -> Bool,
    describes: (@Sendable (FileProbe) -> String?)? = nil
  ) {
    self.name = name
    self.isDatabase = isDatabase
    self.recognizes = recognizes
    self.describes = describes
  }

  func describe(_ probe: FileProbe) -> String { describes?(probe) ?? probe.kindDescription }

  /// A text file whose first line starts with `marker` (what acsa writes at its top).
  public static func text(_ name: String, firstLine marker: String) -> OutputKind {
    OutputKind(name: name) { probe in
      guard let text = probe.text else { return false }
      return text.drop { $0 == "\u{FEFF}" }.hasPrefix(marker)
    }
  }

  /// A text file whose head contains `marker`.
  public static func text(_ name: String, containing marker: String) -> OutputKind {
    OutputKind(name: name) { probe in probe.text?.contains(marker) ?? false }
  }
}
