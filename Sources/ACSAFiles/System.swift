#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few system calls acsa makes itself, behind one portable face.
enum System {
  static var errorNumber: Int32 { errno }

  static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// `stat` or `lstat` of a path: nil when it does not exist (or cannot be looked at).
  static func status(_ path: String, followLinks: Bool = true) -> (stat, Int32) {
    var s = stat()
    let r = followLinks ? stat(path, &s) : lstat(path, &s)
    return (s, r == 0 ? 0 : errno)
  }

  static func isDirectory(_ s: stat) -> Bool { (s.st_mode & S_IFMT) == S_IFDIR }
  static func isRegular(_ s: stat) -> Bool { (s.st_mode & S_IFMT) == S_IFREG }
  static func isLink(_ s: stat) -> Bool { (s.st_mode & S_IFMT) == S_IFLNK }

  static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0o666) -> Int32 {
    open(path, flags | O_CLOEXEC, mode)
  }

  static let readOnly = O_RDONLY
  static let createWriteOnly = O_WRONLY | O_CREAT | O_TRUNC
  static let createReadWrite = O_RDWR | O_CREAT

  static func closeFile(_ fd: Int32) -> Int32 { close(fd) }
  static func sync(_ fd: Int32) -> Int32 { fsync(fd) }
  static func removeFile(_ path: String) -> Int32 { unlink(path) }
  static func renameFile(_ from: String, _ to: String) -> Int32 { rename(from, to) }
  static func changeMode(_ path: String, _ mode: mode_t) -> Int32 { chmod(path, mode) }
  static func changeOwner(_ path: String, _ uid: uid_t, _ gid: gid_t) -> Int32 { chown(path, uid, gid) }
  static func processID() -> Int32 { getpid() }
  static func lockExclusive(_ fd: Int32) -> Int32 { flock(fd, LOCK_EX | LOCK_NB) }
  static func truncate(_ fd: Int32) -> Int32 { ftruncate(fd, 0) }

  static func fileStatus(_ fd: Int32) -> stat? {
    var s = stat()
    return fstat(fd, &s) == 0 ? s : nil
  }

  static func canWrite(_ path: String) -> Bool { access(path, W_OK) == 0 }

  /// Writes all of `bytes`; the errno of the first failure.
  static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard var base = bytes.baseAddress else { return nil }
    var left = bytes.count
    while left > 0 {
      let n = posixWrite(fd, base, left)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      left -= n
      base += n
    }
    return nil
  }

  /// Reads up to `count` bytes from the file's current offset; the errno of a failure.
  static func read(_ fd: Int32, count: Int) -> (bytes: [UInt8], error: Int32?) {
    var buffer = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = buffer.withUnsafeMutableBytes { raw in posixRead(fd, raw.baseAddress! + filled, count - filled) }
      if n < 0 {
        if errno == EINTR { continue }
        return (Array(buffer[0..<filled]), errno)
      }
      if n == 0 { break }
      filled += n
    }
    buffer.removeSubrange(filled...)
    return (buffer, nil)
  }

  /// The first `count` bytes, or fewer (an unreadable file gives what could be read).
  static func readPrefix(_ fd: Int32, count: Int) -> [UInt8] { read(fd, count: count).bytes }

  static let codes = (
    noEntry: ENOENT, access: EACCES, permission: EPERM, noSpace: ENOSPC, readOnlyFS: EROFS, io: EIO, isDirectory: EISDIR,
    notDirectory: ENOTDIR, nameTooLong: ENAMETOOLONG, tooBig: EFBIG, quota: EDQUOT, wouldBlock: EWOULDBLOCK, invalid: EINVAL,
    tooManyFiles: EMFILE
  )
}

/// The C library's read and write, named apart from `System`'s own.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
