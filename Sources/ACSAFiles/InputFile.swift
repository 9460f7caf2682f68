/// Reading a whole input file, with its problems in words and a size limit, so that a
/// huge or unreadable file is refused before anything is parsed.
public enum InputFile {
  /// The file's bytes. `limit`: the largest size read, in bytes.
  public static func read(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
    let (s, error) = System.status(path)
    guard error == 0 else { throw FileError(path: path, cause: .system(error), writing: false) }
    if System.isDirectory(s) { throw FileError(path: path, cause: .isFolder, writing: false) }
    guard System.isRegular(s) else { throw FileError(path: path, cause: .special, writing: false) }
    let size = Int(s.st_size)
    if size > limit { throw FileError(path: path, cause: .tooLarge(size: size, limit: limit), writing: false) }
    let fd = System.openFile(path, System.readOnly)
    guard fd >= 0 else { throw FileError.system(path, writing: false) }
    defer { _ = System.closeFile(fd) }
    // The file may have grown since `stat`: read at most one byte past the limit to see it.
    let (bytes, failed) = System.read(fd, count: min(size, limit) + 1)
    if let failed { throw FileError(path: path, cause: .system(failed), writing: false) }
    if bytes.count > limit { throw FileError(path: path, cause: .tooLarge(size: bytes.count, limit: limit), writing: false) }
    return bytes
  }
}
