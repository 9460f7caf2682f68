/// A file written whole or not at all, through `AtomicReplacement`: the bytes go to the
/// temporary file, which `commit()` flushes, syncs, closes (each result checked) and
/// moves over the path. Until then the path keeps its previous content; `abandon()`, an
/// error or deinit removes the temporary file.
public final class AtomicOutput {
  public var path: String { replacement.path }
  let replacement: AtomicReplacement
  var descriptor: Int32
  var buffer: [UInt8] = []

  public init(path: String, kind: OutputKind, inputs: [String] = []) throws(FileError) {
    replacement = try AtomicReplacement(path: path, kind: kind, inputs: inputs)
    descriptor = System.openFile(replacement.temporaryPath, System.createWriteOnly)
    guard descriptor >= 0 else {
      let error = FileError.system(path, writing: true)
      replacement.abandon()
      throw error
    }
  }

  deinit { abandon() }

  public func write(_ bytes: some Sequence<UInt8>) throws(FileError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func write(_ text: String) throws(FileError) { try write(text.utf8) }

  func flush() throws(FileError) {
    let failed = buffer.withUnsafeBytes { System.writeAll(descriptor, $0) }
    if let failed { throw FileError(path: path, cause: .system(failed), writing: true) }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered, syncs and closes the file, and moves it over the path.
  public func commit() throws(FileError) {
    do throws(FileError) {
      try flush()
      guard System.sync(descriptor) == 0 else { throw FileError.system(path, writing: true, operation: "fsync") }
      let fd = descriptor
      descriptor = -1
      guard System.closeFile(fd) == 0 else { throw FileError.system(path, writing: true, operation: "close") }
      try replacement.commit(synced: true)
    } catch {
      abandon()
      throw error
    }
  }

  /// Removes the temporary file (nothing happens to the path). Safe to call twice.
  public func abandon() {
    if descriptor >= 0 {
      _ = System.closeFile(descriptor)
      descriptor = -1
    }
    replacement.abandon()
  }
}
