import ACSADomain
import ACSAFiles
import Foundation
import HummingbirdBcrypt

/// Who plays: one account per party's team, and control (the instructor or auditor).
public enum Role: Hashable, Sendable, CustomStringConvertible {
  /// A party's logistics office: it acts for its party and sees its own book.
  case team(PartyID)
  /// Runs the clock, sees both books, may act for either party and inject lapses.
  case control

  public var description: String {
    switch self {
    case .team(let p): "team \(p)"
    case .control: "control"
    }
  }
}

/// An account: a name, a role and a bcrypt hash of its password (never the password).
public struct Account: Hashable, Sendable {
  public let name: String
  public let role: Role
  let passwordHash: String

  public init(name: String, role: Role, passwordHash: String) {
    self.name = name
    self.role = role
    self.passwordHash = passwordHash
  }
}

/// Why an accounts file cannot be used.
public struct AccountsError: Error, CustomStringConvertible, Sendable {
  public let description: String
}

/// The accounts of an exercise, from a users file or made at first start.
///
/// The file is JSON: `{"accounts": [{"name": "jp", "party": "JP", "password_hash":
/// "$2b$12$..."}, {"name": "control", "role": "control", "password_hash": "..."}]}`:
/// every party has a team account, there is one control account at least, and each
/// hash is bcrypt (`$2a$`, `$2b$` or `$2y$`) of cost 10 or more.
public struct Accounts: Sendable {
  public let all: [Account]

  /// The lowest bcrypt cost accepted, and the one new accounts get.
  public static let minimumCost = 10
  public static let cost: UInt8 = 12

  public func named(_ name: String) -> Account? { all.first { $0.name == name } }

  struct File: Codable {
    struct Entry: Codable {
      let name: String
      let party: String?
      let role: String?
      let password_hash: String
    }
    let accounts: [Entry]
  }

  /// Reads a users file; `parties`: the exercise's.
  public static func load(path: String, parties: [PartyID]) throws -> Accounts {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path, limit: 1 << 20)
    } catch {
      throw AccountsError(description: error.description)
    }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: Data(bytes))
    } catch {
      throw AccountsError(
        description:
          "\(path): not a users file (\(Self.describe(error))); expected {\"accounts\": [{\"name\", \"party\" or \"role\": \"control\", \"password_hash\"}]}"
      )
    }
    var accounts: [Account] = []
    for (i, e) in file.accounts.enumerated() {
      let field = "\(path): accounts[\(i)]"
      guard !e.name.isEmpty, e.name.count <= 64, e.name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
        throw AccountsError(description: "\(field).name: '\(e.name)' is not a name (letters, digits, - _ ., at most 64)")
      }
      guard accounts.allSatisfy({ $0.name != e.name }) else { throw AccountsError(description: "\(field).name: '\(e.name)' is used twice") }
      let role: Role
      switch (e.party, e.role) {
      case (let party?, nil):
        guard parties.contains(party) else {
          throw AccountsError(description: "\(field).party: '\(party)' is not a party of the exercise (\(parties.joined(separator: ", ")))")
        }
        role = .team(party)
      case (nil, "control"): role = .control
      default:
        throw AccountsError(
          description: "\(field): give either \"party\" (one of \(parties.joined(separator: ", "))) or \"role\": \"control\"")
      }
      guard let cost = bcryptCost(e.password_hash) else {
        throw AccountsError(description: "\(field).password_hash: not a bcrypt hash ($2b$12$ followed by 53 characters)")
      }
      guard cost >= minimumCost else {
        throw AccountsError(description: "\(field).password_hash: bcrypt cost \(cost) is below \(minimumCost)")
      }
      accounts.append(Account(name: e.name, role: role, passwordHash: e.password_hash))
    }
    for party in parties where !accounts.contains(where: { $0.role == .team(party) }) {
      throw AccountsError(description: "\(path): no account plays \(party)'s team")
    }
    guard accounts.contains(where: { $0.role == .control }) else { throw AccountsError(description: "\(path): no control account") }
    return Accounts(all: accounts)
  }

  static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let c):
      "missing \(([key] + c.codingPath.reversed()).reversed().map(\.stringValue).joined(separator: "."))"
    case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
      "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
    case DecodingError.dataCorrupted(let c): c.debugDescription
    default: "\(error)"
    }
  }

  /// The cost of a bcrypt hash, or nil if it is not one.
  static func bcryptCost(_ hash: String) -> Int? {
    let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0].isEmpty, ["2a", "2b", "2y"].contains(parts[1]), parts[2].count == 2, let cost = Int(parts[2]),
      parts[3].count == 53
    else { return nil }
    return cost
  }

  /// New accounts for `parties` and control, with random passwords: the accounts, and
  /// the passwords to print once. `cost`: bcrypt's (never below `minimumCost`).
  public static func make(parties: [PartyID], cost: UInt8 = cost) -> (Accounts, [(name: String, role: Role, password: String)]) {
    let cost = max(cost, UInt8(minimumCost))
    var made: [(String, Role, String)] = parties.map { ($0.lowercased(), .team($0), Secrets.password()) }
    made.append(("control", .control, Secrets.password()))
    let accounts = made.map { Account(name: $0.0, role: $0.1, passwordHash: Bcrypt.hash($0.2, cost: cost)) }
    return (Accounts(all: accounts), made.map { (name: $0.0, role: $0.1, password: $0.2) })
  }

  /// The users file of these accounts (hashes only).
  public func fileText() throws -> String {
    let entries = all.map { a -> File.Entry in
      switch a.role {
      case .team(let p): File.Entry(name: a.name, party: p, role: nil, password_hash: a.passwordHash)
      case .control: File.Entry(name: a.name, party: nil, role: "control", password_hash: a.passwordHash)
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(File(accounts: entries)), as: UTF8.self) + "\n"
  }

  /// Whether `password` is the account's. Slow by design (bcrypt); for a name with no
  /// account, a hash is checked all the same, so that the time does not tell.
  public func check(name: String, password: String) -> Account? {
    guard let account = named(name) else {
      _ = Bcrypt.verify(password, hash: Self.decoy)
      return nil
    }
    return Bcrypt.verify(password, hash: account.passwordHash) ? account : nil
  }

  /// A hash no password matches (of a random one), checked for unknown names.
  static let decoy = Bcrypt.hash(Secrets.token(), cost: cost)
}

/// Random secrets: session tokens, CSRF tokens, first passwords.
enum Secrets {
  /// 32 random bytes in hex (the system's generator: getrandom on Linux).
  static func token() -> String {
    var rng = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
  }

  /// A password of 20 letters and digits (about 119 bits), easy to read out.
  static func password() -> String {
    let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    var rng = SystemRandomNumberGenerator()
    return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
  }

  /// Equal strings, compared in time that depends on their length only.
  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}
