import Foundation

/// The lock a command holds while it writes a path, so that two acsa processes never
/// write one path at once: an advisory lock (`flock`) on `.NAME.lock` beside the path,
/// holding the writer's process id. The second writer is refused at once, with the
/// first one's pid; a lock left by a killed process is free again (the system releases
/// it with the process), and the next writer takes it and removes the file when done.
public final class WriteLock {
  public let lockPath: String
  private var descriptor: Int32

  init(for path: String, folder: String, name: String) throws(FileError) {
    lockPath = folder + "/." + name + ".lock"
    while true {
      let fd = System.openFile(lockPath, System.createReadWrite, 0o644)
      guard fd >= 0 else {
        let code = System.errorNumber
        // No right to write in the folder: the path alone says it.
        let plain = [System.codes.access, System.codes.permission, System.codes.readOnlyFS, System.codes.noSpace].contains(code)
        throw FileError(path: path, cause: .system(code), writing: true, operation: plain ? nil : "creating its lock file \(lockPath)")
      }
      if System.lockExclusive(fd) != 0 {
        let code = System.errorNumber
        let holder = String(decoding: System.readPrefix(fd, count: 32), as: UTF8.self)
        _ = System.closeFile(fd)
        if code == System.codes.wouldBlock {
          throw FileError(path: path, cause: .locked(pid: Int32(holder.trimmingCharacters(in: .whitespacesAndNewlines))), writing: true)
        }
        throw FileError(path: path, cause: .system(code), writing: true, operation: "locking \(lockPath)")
      }
      // The previous holder may have removed the file between our open and our lock:
      // then this lock is on a file nobody else sees, and we start again.
      let (named, missing) = System.status(lockPath)
      guard missing == 0, let held = System.fileStatus(fd), held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
        _ = System.closeFile(fd)
        continue
      }
      descriptor = fd
      _ = System.truncate(fd)
      let pid = "\(System.processID())\n"
      _ = pid.utf8CString.withUnsafeBytes { raw in System.writeAll(fd, UnsafeRawBufferPointer(rebasing: raw.dropLast())) }
      return
    }
  }

  /// The lock of `path`, for a command that writes it in place (an append) rather than
  /// replacing it: the same lock as `AtomicReplacement`'s, so that neither runs while
  /// the other holds it.
  public convenience init(path: String) throws(FileError) {
    let slash = path.lastIndex(of: "/")
    let name = String(slash.map { path[path.index(after: $0)...] } ?? path[...])
    let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    try self.init(for: path, folder: folder, name: name)
  }

  /// Removes the lock file, then lets the lock go. Safe to call twice.
  public func release() {
    guard descriptor >= 0 else { return }
    _ = System.removeFile(lockPath)
    _ = System.closeFile(descriptor)
    descriptor = -1
  }

  deinit { release() }
}
