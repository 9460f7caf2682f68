import ACSADomain
import ACSAPostgres
import ACSAScenario
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import ACSAServer

/// A live exercise of `scenarios/live-exercise-2026.yaml` in a folder of its own, its
/// accounts (bcrypt cost 10, the lowest accepted, to keep the tests quick) and its server.
final class Fixture: @unchecked Sendable {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let scenarioPath = packageRoot.appendingPathComponent("scenarios/live-exercise-2026.yaml").path

  let folder: URL
  let server: LiveServer
  let passwords: [String: String]
  /// The exercise's ledger: a file, or (with `ACSA_TEST_STORE=postgres`) a ledger of its
  /// own in the test server's database: the same tests run against both stores.
  let ledger: String
  var users: String { folder.appendingPathComponent("users.json").path }
  var exercise: Exercise { server.exercise }

  /// The PostgreSQL database the tests use (`scripts/test` starts a throwaway server and
  /// sets both variables), or nil for files.
  static var postgres: String? {
    let env = ProcessInfo.processInfo.environment
    return env["ACSA_TEST_STORE"] == "postgres" ? env["ACSA_TEST_POSTGRES"] : nil
  }

  /// A new ledger's name for the store under test.
  static func newLedger(in folder: URL) -> String {
    guard let database = postgres else { return folder.appendingPathComponent("exercise.sqlite").path }
    return database + "?ledger=t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
  }

  init(loginLimit: Int = 5) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let (accounts, made) = Accounts.make(parties: ["JP", "PH"], cost: 10)
    passwords = Dictionary(uniqueKeysWithValues: made.map { ($0.name, $0.password) })
    try accounts.fileText().write(toFile: folder.appendingPathComponent("users.json").path, atomically: true, encoding: .utf8)
    let scenario = try ScenarioLoader.load(path: Self.scenarioPath)
    ledger = Self.newLedger(in: folder)
    let opened = try ExerciseSetup.open(
      scenario: scenario, scenarioFile: Self.scenarioPath, ledger: ledger, users: folder.appendingPathComponent("users.json").path,
      version: "test")
    server = LiveServer(exercise: opened.exercise, accounts: opened.accounts, version: "test", loginLimit: loginLimit)
  }

  /// A file holding the ledger as committed: itself, or a copy out of PostgreSQL.
  func committed() throws -> String {
    guard PostgresLocation.isURL(ledger) else { return ledger }
    let store = try PostgresStore.connect(try PostgresLocation(url: ledger))
    defer { store.close() }
    let path = folder.appendingPathComponent("copy-\(UUID().uuidString).sqlite").path
    try store.download(to: path)
    return path
  }

  deinit {
    try? FileManager.default.removeItem(at: folder)
    if PostgresLocation.isURL(ledger), let location = try? PostgresLocation(url: ledger), let store = try? PostgresStore.connect(location) {
      try? store.drop()
      store.close()
    }
  }

  /// A signed-in session of `name` (without the slow sign-in): its cookie header and CSRF token.
  func session(_ name: String) async throws -> Client {
    let account = try #require(server.accounts.named(name))
    let (token, session) = await server.sessions.open(account)
    return Client(cookie: "acsa_session=\(token)", csrf: session.csrf)
  }

  /// Runs `body` against the router, then closes the exercise.
  static func run(loginLimit: Int = 5, _ body: @Sendable (Fixture, any TestClientProtocol) async throws -> Void) async throws {
    let fixture = try Fixture(loginLimit: loginLimit)
    let app = Application(router: fixture.server.router())
    do {
      try await app.test(.router) { client in try await body(fixture, client) }
    } catch {
      try? await fixture.exercise.close()
      throw error
    }
    try await fixture.exercise.close()
  }

  /// The ledger's digest and event count now.
  func state() async throws -> (digest: String, events: Int) {
    let s = try await exercise.snapshot()
    return (s.digest, s.events)
  }
}

/// A session's credentials.
struct Client: Sendable {
  let cookie: String
  let csrf: String

  var headers: HTTPFields { [.cookie: cookie] }

  /// The headers of a JSON API call (the CSRF token in its header).
  var api: HTTPFields { [.cookie: cookie, .contentType: "application/json", .init("X-CSRF-Token")!: csrf] }

  /// The headers of a form post.
  var form: HTTPFields { [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"] }
}

/// A URL-encoded form body.
func formBody(_ fields: [(String, String)]) -> ByteBuffer {
  var allowed = CharacterSet.alphanumerics
  allowed.insert(charactersIn: "-._~")
  let text = fields.map { name, value in
    (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
      + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
  }.joined(separator: "&")
  return ByteBuffer(string: text)
}

extension TestResponse {
  var text: String { String(buffer: body) }

  /// The body as JSON.
  func json() throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The `field` of each problem of a JSON error.
  func problemFields() throws -> [String] {
    let problems = try #require(try json()["problems"] as? [[String: Any]])
    return problems.compactMap { $0["field"] as? String }
  }

  /// The Set-Cookie header setting `name`.
  func cookie(_ name: String) -> String? {
    headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
  }
}

/// The value of a cookie in a Set-Cookie header.
func cookieValue(_ header: String) -> String {
  String(header.prefix { $0 != ";" }.drop { $0 != "=" }.dropFirst())
}
