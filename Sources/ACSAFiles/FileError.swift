/// A file acsa was asked to read or write, and why that could not be done, in words.
///
/// Reading: the file is an input (a scenario, a ledger), and a problem with it is bad
/// input. Writing: the file is where acsa was asked to put its output, and a problem
/// there (a missing folder, no permission, a full disk, a lock held, a file that is not
/// acsa's to replace) comes from the environment, not from the input.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Cause: Sendable, Equatable {
    /// A system call failed with this errno.
    case system(Int32)
    /// The folder the file would go into does not exist (or is not a folder).
    case noFolder(String)
    /// Another process holds the write lock of this path.
    case locked(pid: Int32?)
    /// The path holds something the command does not replace: `what` it holds,
    /// `expected` what the command writes.
    case occupied(what: String, expected: String)
    /// The path exists and the command does not replace files unless asked: `advice`
    /// says how to ask.
    case exists(advice: String)
    /// The path is one of the files the command reads.
    case sameAsInput(String)
    /// Larger than the command reads.
    case tooLarge(size: Int, limit: Int)
    /// A folder where a file was expected.
    case isFolder
    /// Neither a file nor a folder (a device, a socket, a pipe).
    case special
  }

  public let path: String
  public let cause: Cause
  /// True when acsa was writing `path`, false when reading it.
  public let writing: Bool
  /// What acsa was doing, when it says more than "write" ("sync", "rename").
  public let operation: String?

  public init(path: String, cause: Cause, writing: Bool, operation: String? = nil) {
    self.path = path
    self.cause = cause
    self.writing = writing
    self.operation = operation
  }

  /// From the current `errno`.
  static func system(_ path: String, writing: Bool, operation: String? = nil) -> FileError {
    FileError(path: path, cause: .system(System.errorNumber), writing: writing, operation: operation)
  }

  public var description: String {
    let verb = writing ? "cannot write" : "cannot read"
    switch cause {
    case .system, .noFolder, .locked, .tooLarge, .isFolder, .special:
      return "\(verb) \(path)\(operation.map { " (\($0))" } ?? ""): \(reason)"
    case .occupied(let what, let expected):
      return
        "\(path) is \(what), not \(expected): nothing was written. acsa replaces only \(expected) there; "
        + "choose another path, or move the file away yourself"
    case .exists(let advice):
      return "\(path) already exists: nothing was written (\(advice))"
    case .sameAsInput(let input):
      return input == path
        ? "\(path) is the file this command reads: nothing was written; choose another output path"
        : "\(path) is the same file as \(input), which this command reads: nothing was written; choose another output path"
    }
  }

  /// Why, without the path: "no such file or folder", "the disk is full".
  public var reason: String {
    switch cause {
    case .system(let code): return Self.words(code)
    case .noFolder(let folder): return "the folder \(folder) does not exist"
    case .locked(let pid):
      let who = pid.map { "another acsa process (pid \($0))" } ?? "another acsa process"
      return "\(who) is writing it; nothing was written (try again when it has finished)"
    case .tooLarge(let size, let limit): return "it is \(Self.megabytes(size)), more than the \(Self.megabytes(limit)) acsa reads"
    case .isFolder: return "it is a folder, not a file"
    case .special: return "it is not a regular file (a device, a pipe or a socket)"
    case .occupied, .exists, .sameAsInput: return description
    }
  }

  /// An errno in words a user can act on.
  public static func words(_ code: Int32) -> String {
    let c = System.codes
    switch code {
    case c.noSpace: return "the disk is full"
    case c.quota: return "the disk quota is exhausted"
    case c.access, c.permission: return "permission denied"
    case c.readOnlyFS: return "the file system is read-only"
    case c.noEntry: return "no such file or folder"
    case c.notDirectory: return "a part of the path is not a folder"
    case c.isDirectory: return "it is a folder"
    case c.io: return "an input/output error (the disk or the file system failed)"
    case c.nameTooLong: return "the name is too long"
    case c.tooBig: return "the file is larger than the file system or this process allows"
    case c.tooManyFiles: return "too many open files"
    default: return System.message(code)
    }
  }

  static func megabytes(_ bytes: Int) -> String {
    if bytes < 1 << 20 { return "\(bytes) bytes" }
    let tenths = (bytes * 10 + (1 << 19)) >> 20
    return "\(tenths / 10).\(tenths % 10) MiB"
  }
}

/// A command asked for something its arguments cannot give (a book the ledger does not
/// have): the user's to correct, like a wrong option.
public struct UsageProblem: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
