import Foundation

/// Replaces a file whole or not at all, and only when it is the command's to replace.
///
/// Opening one (before anything is built):
/// - the folder must exist;
/// - the command takes the path's write lock (`WriteLock`): a second writer of the same
///   path is refused while the first works;
/// - an existing file at the path must be of the kind the command writes (an acsa
///   ledger for `--db`, a report acsa wrote for `--html`...), or empty; never a folder,
///   a symbolic link or one of the command's own inputs (same device and inode).
/// Otherwise nothing is touched.
///
/// The output is built at `temporaryPath` (`.NAME.tmp-PID` beside the path). `commit`
/// syncs it to disk, gives it the permissions (and, where allowed, the owner) of the
/// file it replaces, removes any -wal/-shm/-journal left beside a database path,
/// renames it into place and syncs the folder. Any failure, a failed fsync included,
/// removes the temporary file and leaves the path as it was.
public final class AtomicReplacement {
  public let path: String
  public let temporaryPath: String
  let folder: String
  let kind: OutputKind
  private var lock: WriteLock?
  /// The file being replaced: its mode, owner and group.
  private let previous: (mode: mode_t, uid: uid_t, gid: gid_t)?
  private var finished = false

  /// `inputs`: the files the command reads, which it must never replace.
  public init(path: String, kind: OutputKind, inputs: [String] = []) throws(FileError) {
    self.path = path
    self.kind = kind
    // The folder as the user wrote it ("out" for "out/k.sqlite"), "." for a bare name.
    let slash = path.lastIndex(of: "/")
    let name = String(slash.map { path[path.index(after: $0)...] } ?? path[...])
    folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    guard !name.isEmpty, name != ".", name != ".." else { throw FileError(path: path, cause: .isFolder, writing: true) }
    let (folderStatus, folderError) = System.status(folder)
    guard folderError == 0, System.isDirectory(folderStatus) else {
      throw FileError(path: path, cause: .noFolder(folder), writing: true)
    }
    lock = try WriteLock(for: path, folder: folder, name: name)
    do throws(FileError) {
      previous = try Self.check(path, kind: kind, inputs: inputs)
    } catch {
      lock?.release()
      throw error
    }
    temporaryPath = folder + "/." + name + ".tmp-" + String(System.processID())
    // Only the lock's holder builds temporary files for this path: any other one was
    // left by a process that was killed.
    if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
      for leftover in names where leftover.hasPrefix("." + name + ".tmp-") { Self.removeWithSidecars(folder + "/" + leftover) }
    }
  }

  deinit { abandon() }

  /// What is at `path` now, if it may be replaced: nil when nothing is there.
  static func check(_ path: String, kind: OutputKind, inputs: [String]) throws(FileError) -> (mode: mode_t, uid: uid_t, gid: gid_t)? {
    guard let probe = FileProbe(path: path) else { return nil }
    switch probe.shape {
    case .folder: throw FileError(path: path, cause: .isFolder, writing: true)
    case .link: throw FileError(path: path, cause: .occupied(what: "a symbolic link", expected: kind.name), writing: true)
    case .special: throw FileError(path: path, cause: .special, writing: true)
    case .regular: break
    }
    let (target, _) = System.status(path)
    for input in inputs {
      let (s, error) = System.status(input)
      if error == 0 && s.st_dev == target.st_dev && s.st_ino == target.st_ino {
        throw FileError(path: path, cause: .sameAsInput(input), writing: true)
      }
    }
    // An empty file holds nothing to lose.
    if probe.size > 0 && !kind.recognizes(probe) {
      throw FileError(path: path, cause: .occupied(what: kind.describe(probe), expected: kind.name), writing: true)
    }
    return (target.st_mode & 0o7777, target.st_uid, target.st_gid)
  }

  /// Syncs the temporary file (unless `synced`), moves it into place and syncs the folder.
  public func commit(synced: Bool = false) throws(FileError) {
    do throws(FileError) {
      if !synced { try Self.sync(temporaryPath, reportAs: path) }
      if let previous {
        guard System.changeMode(temporaryPath, previous.mode) == 0 else {
          throw FileError.system(path, writing: true, operation: "giving it the permissions of the file it replaces")
        }
        // Keeping the owner needs privileges a user rarely has; the mode is what matters.
        _ = System.changeOwner(temporaryPath, previous.uid, previous.gid)
      }
      if kind.isDatabase {
        // A stale -wal or -shm beside the destination must never be applied to the new file.
        for suffix in ["-wal", "-shm", "-journal"] { _ = System.removeFile(path + suffix) }
      }
      guard System.renameFile(temporaryPath, path) == 0 else { throw FileError.system(path, writing: true, operation: "rename") }
      finished = true
      try Self.sync(folder, reportAs: path, folder: true)
    } catch {
      abandon()
      throw error
    }
    lock?.release()
    lock = nil
  }

  /// Removes the temporary file (the path keeps what it held) and lets the lock go.
  public func abandon() {
    if !finished {
      Self.removeWithSidecars(temporaryPath)
      finished = true
    }
    lock?.release()
    lock = nil
  }

  static func removeWithSidecars(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { _ = System.removeFile(path + suffix) }
  }

  /// fsync, with its result and close's checked.
  static func sync(_ file: String, reportAs path: String, folder: Bool = false) throws(FileError) {
    let fd = System.openFile(file, System.readOnly)
    guard fd >= 0 else { throw FileError.system(path, writing: true, operation: "opening it to sync") }
    if System.sync(fd) != 0 {
      let code = System.errorNumber
      _ = System.closeFile(fd)
      // Some file systems cannot sync a folder; the rename is then as durable as they make it.
      if folder && code == System.codes.invalid { return }
      throw FileError(path: path, cause: .system(code), writing: true, operation: folder ? "syncing its folder" : "fsync")
    }
    guard System.closeFile(fd) == 0 else { throw FileError.system(path, writing: true, operation: "close") }
  }
}
