import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Why a file could not be written.
public struct FileOutputError: Error, CustomStringConvertible {
  public let path: String
  public let reason: String
  public var description: String { "cannot write \(path): \(reason)" }
}

/// A file written whole or not at all: the bytes go to a temporary file beside `path`
/// (`.NAME.tmp-PID`), which `commit()` flushes to disk and renames over `path`. Until
/// then `path` keeps its previous content; `abandon()` (or an error) removes the
/// temporary file, so a failure never leaves half a file at `path`.
public final class AtomicOutput {
  public let path: String
  let temporary: String
  var descriptor: Int32
  var buffer: [UInt8] = []
  /// Renamed into place, or removed.
  var finished = false

  public init(path: String) throws {
    self.path = path
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let prefix = "." + url.lastPathComponent + ".tmp-"
    Self.removeAbandoned(in: directory, prefix: prefix)
    temporary = (directory.isEmpty ? "." : directory) + "/" + prefix + String(getpid())
    descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw FileOutputError(path: path, reason: String(cString: strerror(errno))) }
  }

  deinit { abandon() }

  public func write(_ data: Data) throws {
    buffer.append(contentsOf: data)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func write(_ text: String) throws { try write(Data(text.utf8)) }

  func flush() throws {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { raw in Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileOutputError(path: path, reason: String(cString: strerror(errno)))
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered, syncs it, and renames the temporary file over `path`.
  public func commit() throws {
    do {
      try flush()
      guard fsync(descriptor) == 0 else { throw FileOutputError(path: path, reason: String(cString: strerror(errno))) }
      close(descriptor)
      descriptor = -1
      guard rename(temporary, path) == 0 else { throw FileOutputError(path: path, reason: String(cString: strerror(errno))) }
      finished = true
    } catch {
      abandon()
      throw error
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let fd = open(directory.isEmpty ? "." : directory, O_RDONLY)
    if fd >= 0 {
      _ = fsync(fd)
      close(fd)
    }
  }

  /// Removes the temporary file (nothing happens to `path`). Safe to call twice.
  public func abandon() {
    if descriptor >= 0 {
      close(descriptor)
      descriptor = -1
    }
    if !finished {
      unlink(temporary)
      finished = true
    }
  }

  /// Temporary files left by a process that was killed (its pid is gone).
  static func removeAbandoned(in directory: String, prefix: String) {
    let folder = directory.isEmpty ? "." : directory
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      unlink(folder + "/" + name)
    }
  }
}
