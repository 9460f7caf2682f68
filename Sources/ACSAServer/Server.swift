import ACSAAudit
import ACSADomain
import ACSAHTML
import ACSALive
import ACSAPostgres
import ACSAReports
import Foundation
import Hummingbird
import NIOCore

/// The request context: Hummingbird's, with the peer's address (for the login limit).
public struct ServerContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  public let remoteAddress: String?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress?.ipAddress
  }

  /// Forms and events are small.
  public var maxUploadSize: Int { 64 * 1024 }
}

/// The live exercise over HTTP (`acsa serve`): sign-in, the teams' and control's pages,
/// forms and a JSON API that record events through `Exercise`, the live stream that
/// tells pages to refresh, and control's downloads.
///
/// Security: sessions are random 256-bit tokens in an HttpOnly, SameSite=Strict cookie;
/// every POST carries the session's CSRF token (a form field or `X-CSRF-Token`), checked
/// in constant time; sign-in failures are limited per account and per address; every
/// response forbids framing by other sites, sniffing and inline scripts; passwords,
/// tokens and cookies are never logged (the log has the method, the path and the status).
public final class LiveServer: Sendable {
  public let exercise: Exercise
  let accounts: Accounts
  let sessions: Sessions
  let limiter: LoginLimiter
  let version: String

  public init(exercise: Exercise, accounts: Accounts, version: String, loginLimit: Int = 5, loginWindow: TimeInterval = 300) {
    self.exercise = exercise
    self.accounts = accounts
    sessions = Sessions()
    limiter = LoginLimiter(limit: loginLimit, window: loginWindow)
    self.version = version
  }

  static let sessionCookie = "acsa_session"
  static let loginCookie = "acsa_login"

  // MARK: - The router

  public func router() -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    router.add(middleware: SecurityHeaders())
    router.add(middleware: RequestLog())
    router.get("/style.css") { _, _ in Self.text(Pages.css, type: "text/css; charset=utf-8") }
    router.get("/live.js") { _, _ in Self.text(Pages.script, type: "text/javascript; charset=utf-8") }
    router.get("/login") { request, _ in try await self.loginPage(request, message: nil) }
    router.post("/login") { request, context in try await self.login(request, context: context) }
    router.post("/logout") { request, context in try await self.logout(request, context: context) }
    router.get("/") { request, _ in
      guard let session = await self.session(request) else { return Response.redirect(to: "/login", type: .normal) }
      return Response.redirect(to: session.account.role == .control ? "/control" : "/team", type: .normal)
    }
    router.get("/team") { request, _ in try await self.teamPage(request, flash: nil) }
    router.get("/team/fragment") { request, _ in try await self.teamFragment(request) }
    router.get("/control") { request, _ in try await self.controlPage(request, flash: nil) }
    router.get("/control/fragment") { request, _ in try await self.controlFragment(request) }
    router.get("/control/report") { request, _ in try await self.report(request) }
    router.get("/control/ledger") { request, _ in try await self.ledgerDownload(request) }
    router.get("/control/scenario") { request, _ in try await self.scenarioDownload(request) }
    router.post("/events") { request, context in try await self.postEventForm(request, context: context) }
    router.post("/clock") { request, context in try await self.postClock(request, context: context) }
    router.get("/live") { request, _ in try await self.liveStream(request) }
    router.get("/api/state") { request, _ in try await self.apiState(request) }
    router.post("/api/events") { request, context in try await self.apiEvent(request, context: context) }
    router.post("/api/clock") { request, context in try await self.apiClock(request, context: context) }
    router.post("/api/login") { request, context in try await self.apiLogin(request, context: context) }
    return router
  }

  // MARK: - Sessions and tokens

  func session(_ request: Request) async -> Session? {
    guard let token = request.cookies[Self.sessionCookie]?.value else { return nil }
    return await sessions.find(token)
  }

  /// The session of a page request, or a redirect to sign in.
  func pageSession(_ request: Request) async throws -> Session {
    guard let session = await session(request) else { throw Redirect(to: "/login") }
    return session
  }

  /// The session of a POST, with its CSRF token checked (403 otherwise); `fields`: the
  /// form's, if it is a form.
  func postSession(_ request: Request, fields: [(String, String)]) async throws -> Session {
    guard let session = await session(request) else { throw ServerError.signIn }
    let given = request.headers[.csrfToken] ?? fields.first { $0.0 == "csrf" }?.1 ?? ""
    guard Secrets.same(given, session.csrf) else {
      throw ServerError(.forbidden, code: "csrf_token", "the form's CSRF token is missing or wrong: reload the page")
    }
    return session
  }

  static func sessionCookie(_ token: String, maxAge: Int? = nil) -> Cookie {
    Cookie(name: sessionCookie, value: token, maxAge: maxAge, path: "/", secure: false, httpOnly: true, sameSite: .strict)
  }

  // MARK: - Sign-in

  func loginPage(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
    let token = Secrets.token()
    var response = Self.html(Pages.login(csrf: token, message: message, scenario: exercise.scenarioName), status: status)
    response.setCookie(Cookie(name: Self.loginCookie, value: token, path: "/login", secure: false, httpOnly: true, sameSite: .strict))
    return response
  }

  func login(_ request: Request, context: ServerContext) async throws -> Response {
    let fields = try await Self.form(request, context: context)
    // The sign-in form's own token (double submit: the cookie set with the form).
    let given = fields.first { $0.0 == "csrf" }?.1 ?? ""
    guard let expected = request.cookies[Self.loginCookie]?.value, Secrets.same(given, expected) else {
      return try await loginPage(request, message: "The sign-in form expired: try again.", status: .forbidden)
    }
    let name = fields.first { $0.0 == "name" }?.1 ?? ""
    let password = fields.first { $0.0 == "password" }?.1 ?? ""
    switch await authenticate(name: name, password: password, address: context.remoteAddress) {
    case .success(let account):
      let (token, _) = await sessions.open(account)
      var response = Response.redirect(to: account.role == .control ? "/control" : "/team", type: .found)
      response.setCookie(Self.sessionCookie(token))
      return response
    case .failure(.limited(let seconds)):
      var response = try await loginPage(
        request, message: "Too many failed sign-ins: try again in \(seconds) s.", status: .tooManyRequests)
      response.headers[.retryAfter] = String(seconds)
      return response
    case .failure(.wrong):
      return try await loginPage(request, message: "Wrong account or password.", status: .unauthorized)
    }
  }

  enum LoginFailure: Error {
    case wrong
    case limited(Int)
  }

  /// Checks a password under the login limit (bcrypt runs off the server's threads).
  func authenticate(name: String, password: String, address: String?) async -> Result<Account, LoginFailure> {
    let keys = ["account:" + name] + (address.map { ["address:" + $0] } ?? [])
    if let wait = await limiter.wait(keys) { return .failure(.limited(wait)) }
    let accounts = self.accounts
    let account = await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: accounts.check(name: name, password: password)) }
    }
    guard let account else {
      await limiter.failed(keys)
      return .failure(.wrong)
    }
    await limiter.succeeded("account:" + name)
    return .success(account)
  }

  func logout(_ request: Request, context: ServerContext) async throws -> Response {
    let fields = try await Self.form(request, context: context)
    _ = try await postSession(request, fields: fields)
    if let token = request.cookies[Self.sessionCookie]?.value { await sessions.close(token) }
    var response = Response.redirect(to: "/login", type: .found)
    response.setCookie(Self.sessionCookie("", maxAge: 0))
    return response
  }

  // MARK: - Pages

  func teamPage(_ request: Request, flash: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
    let session = try await pageSession(request)
    guard case .team(let party) = session.account.role else { return Response.redirect(to: "/control", type: .normal) }
    let snapshot = try await exercise.snapshot()
    return Self.html(
      Pages.team(exercise, snapshot, account: session.account, party: party, csrf: session.csrf, flash: flash), status: status)
  }

  func teamFragment(_ request: Request) async throws -> Response {
    let session = try await pageSession(request)
    guard case .team(let party) = session.account.role else { throw ServerError(.forbidden, code: "forbidden", "a team's page") }
    return Self.html(Pages.teamLive(exercise, try await exercise.snapshot(), party: party))
  }

  /// Control's session (403 for a team).
  func controlSession(_ request: Request) async throws -> Session {
    let session = try await pageSession(request)
    guard session.account.role == .control else { throw ServerError(.forbidden, code: "forbidden", "control's page") }
    return session
  }

  func controlPage(_ request: Request, flash: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
    let session = try await pageSession(request)
    guard session.account.role == .control else { return Response.redirect(to: "/team", type: .normal) }
    let snapshot = try await exercise.snapshot()
    let (audit, differing) = try controlData(snapshot)
    return Self.html(
      Pages.control(exercise, snapshot, account: session.account, csrf: session.csrf, flash: flash, audit: audit, differing: differing),
      status: status)
  }

  func controlFragment(_ request: Request) async throws -> Response {
    _ = try await controlSession(request)
    let snapshot = try await exercise.snapshot()
    let (audit, differing) = try controlData(snapshot)
    return Self.html(Pages.controlLive(exercise, snapshot, audit: audit, differing: differing))
  }

  /// The audit of the ledger as committed, and the orders the two books record differently.
  func controlData(_ snapshot: Snapshot) throws -> (AuditReport?, [String]) {
    let (audit, reconciliation) = try controlReading(snapshot)
    return (audit, reconciliation?.differences.map(\.order) ?? [])
  }

  /// The audit of the ledger as committed, and the reconciliation of the two books.
  func controlReading(_ snapshot: Snapshot) throws -> (AuditReport, Reconciliation?) {
    let audited = try AuditedLedger(path: exercise.path)
    let audit = try AuditReport.make(audited, asOf: audited.lastDay)
    guard snapshot.books.count == 2 else { return (audit, nil) }
    return (audit, Reconciliation.compare(snapshot.books[0], snapshot.books[1], refused: snapshot.refusedOrders) { "event \($0)" })
  }

  func report(_ request: Request) async throws -> Response {
    _ = try await controlSession(request)
    let audited = try AuditedLedger(path: exercise.path)
    let audit = try AuditReport.make(audited, asOf: audited.lastDay)
    // The report names the ledger as its users do: the file's name, or the PostgreSQL URL.
    let label = PostgresLocation.isURL(exercise.name) ? exercise.name : (exercise.name as NSString).lastPathComponent
    let html = try HTMLReport(ledger: audited, label: label, audit: audit, version: version).html()
    var response = Self.html(html)
    if request.uri.queryParameters["embed"] == nil {
      response.headers[.contentDisposition] = "attachment; filename=\"acsa-report.html\""
    }
    return response
  }

  func ledgerDownload(_ request: Request) async throws -> Response {
    _ = try await controlSession(request)
    let temp = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-download-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: temp) }
    try await exercise.copyLedger(to: temp)
    let data = try Data(contentsOf: URL(fileURLWithPath: temp))
    let name = (exercise.path as NSString).lastPathComponent
    return Response(
      status: .ok,
      headers: [.contentType: "application/vnd.sqlite3", .contentDisposition: "attachment; filename=\"\(Self.safeName(name))\""],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  func scenarioDownload(_ request: Request) async throws -> Response {
    _ = try await controlSession(request)
    let audited = try AuditedLedger(path: exercise.path)
    let (text, _, _) = try audited.scenarioText(comment: try audited.exportComment(version: version, source: "the live exercise").text)
    return Response(
      status: .ok,
      headers: [.contentType: "application/yaml; charset=utf-8", .contentDisposition: "attachment; filename=\"exercise.yaml\""],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  // MARK: - Events and the clock

  func postEventForm(_ request: Request, context: ServerContext) async throws -> Response {
    let fields = try await Self.form(request, context: context)
    let session = try await postSession(request, fields: fields)
    let page: (String?, HTTPResponse.Status) async throws -> Response = { flash, status in
      session.account.role == .control
        ? try await self.controlPage(request, flash: flash, status: status) : try await self.teamPage(request, flash: flash, status: status)
    }
    let text: String
    do {
      text = try EventForm.json(fields: fields.filter { $0.0 != "csrf" }, date: try await exercise.snapshot().clock)
    } catch let e as SubmissionError {
      return try await page(Pages.problems(Self.problems(e)), .badRequest)
    }
    do {
      switch try await exercise.submit(text: text, file: "form", role: session.account.role) {
      case .recorded(let appended): return try await page(Pages.outcome(appended.records), .ok)
      case .waiting(let order, let signed, let other):
        return try await page(Pages.message("\(signed) has signed \(order); it binds once \(other) signs too.", bad: false), .accepted)
      }
    } catch let e as SubmissionError {
      return try await page(Self.flash(e), Self.status(e))
    }
  }

  func postClock(_ request: Request, context: ServerContext) async throws -> Response {
    let fields = try await Self.form(request, context: context)
    let session = try await postSession(request, fields: fields)
    guard session.account.role == .control else { throw ServerError(.forbidden, code: "forbidden", "control runs the clock") }
    let text = fields.first { $0.0 == "date" }?.1 ?? ""
    guard let day = Day(text: text.trimmingCharacters(in: .whitespaces)) else {
      return try await controlPage(
        request, flash: Pages.problems([FieldProblem(field: "date", message: "'\(text)' is not a date (YYYY-MM-DD)")]), status: .badRequest)
    }
    do {
      let appended = try await exercise.advance(to: day)
      return try await controlPage(request, flash: Pages.outcome(appended.records), status: .ok)
    } catch let e as SubmissionError {
      return try await controlPage(request, flash: Self.flash(e), status: Self.status(e))
    }
  }

  static func flash(_ e: SubmissionError) -> String {
    switch e {
    case .badInput(let problems): Pages.problems(problems)
    case .forbidden(let why): Pages.message("Not yours to record: \(why).", bad: true)
    case .conflict(_, let why): Pages.message(why, bad: true)
    case .unavailable(let why): Pages.message(why, bad: true)
    }
  }

  static func problems(_ e: SubmissionError) -> [FieldProblem] {
    if case .badInput(let p) = e { return p }
    return [FieldProblem(field: "", message: e.description)]
  }

  /// The stable code of a submission's error, as the JSON API answers it.
  static func code(_ e: SubmissionError) -> String {
    switch e {
    case .badInput: "bad_input"
    case .forbidden: "forbidden"
    case .conflict(let c, _): c
    case .unavailable: "store_unavailable"
    }
  }

  static func status(_ e: SubmissionError) -> HTTPResponse.Status {
    switch e {
    case .badInput: .badRequest
    case .forbidden: .forbidden
    case .conflict: .conflict
    case .unavailable: .serviceUnavailable
    }
  }

  // MARK: - The live stream

  /// Server-sent events: `event: ledger` with `{"seq", "digest", "clock"}` after each
  /// append; a comment every 15 s keeps the connection open.
  func liveStream(_ request: Request) async throws -> Response {
    _ = try await pageSession(request)
    let stream = await exercise.changes.subscribe()
    let body = ResponseBody { writer in
      // The changes and a keep-alive every 15 s, in one sequence of lines.
      let (lines, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
      let forward = Task {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for await change in stream {
          guard let data = try? encoder.encode(change) else { continue }
          continuation.yield("event: ledger\ndata: \(String(decoding: data, as: UTF8.self))\n\n")
        }
        continuation.finish()
      }
      let ticker = Task {
        while !Task.isCancelled {
          try? await Task.sleep(for: .seconds(15))
          continuation.yield(": keep-alive\n\n")
        }
      }
      defer {
        forward.cancel()
        ticker.cancel()
      }
      try await writer.write(ByteBuffer(string: ": acsa live\n\n"))
      for await line in lines { try await writer.write(ByteBuffer(string: line)) }
      try await writer.finish(nil)
    }
    return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
  }

  // MARK: - The JSON API

  /// `GET /api/state` (and the answer to `POST /api/login`): the exercise, the account,
  /// and what the account may see: a team its own book; control both books, their
  /// reconciliation and the audit's findings.
  struct StateJSON: Encodable {
    let scenario: String
    let clock: String
    let start: String
    let end: String
    let digest: String
    let events: Int
    let account: String
    let role: String
    let csrf: String
    let books: [BookView]
    /// Control only.
    let reconciliation: ReconcileJSON?
    /// Control only: the audit of the ledger as of its last day.
    let findings: [AuditJSON.FindingJSON]?
  }

  func state(_ account: Account, csrf: String) async throws -> StateJSON {
    let s = try await exercise.snapshot()
    var party: PartyID? = nil
    var reconciliation: ReconcileJSON? = nil
    var findings: [AuditJSON.FindingJSON]? = nil
    switch account.role {
    case .team(let p): party = p
    case .control:
      let (audit, r) = try controlReading(s)
      reconciliation = r.map(ReconcileJSON.init)
      findings = audit.items.map { AuditJSON.FindingJSON($0, audit) }
    }
    return StateJSON(
      scenario: exercise.scenarioName, clock: s.clock.description, start: exercise.start.description, end: exercise.end.description,
      digest: s.digest, events: s.events, account: account.name, role: account.role.description, csrf: csrf,
      books: BookView.views(s, framework: exercise.framework, party: party), reconciliation: reconciliation, findings: findings)
  }

  func apiSession(_ request: Request) async throws -> Session {
    guard let session = await session(request) else { throw ServerError.signIn }
    return session
  }

  func apiState(_ request: Request) async throws -> Response {
    let session = try await apiSession(request)
    return try Self.json(try await state(session.account, csrf: session.csrf))
  }

  struct LoginJSON: Codable {
    let name: String
    let password: String
  }

  /// Sign-in for scripts: `{"name", "password"}`; answers with the state (and its CSRF
  /// token) and sets the session cookie. Limited as the form is.
  func apiLogin(_ request: Request, context: ServerContext) async throws -> Response {
    let body = try await request.body.collect(upTo: context.maxUploadSize)
    guard let login = try? JSONDecoder().decode(LoginJSON.self, from: Data(buffer: body)) else {
      throw ServerError(.badRequest, code: "bad_input", "expected {\"name\": ..., \"password\": ...}")
    }
    switch await authenticate(name: login.name, password: login.password, address: context.remoteAddress) {
    case .success(let account):
      let (token, session) = await sessions.open(account)
      var response = try Self.json(try await state(account, csrf: session.csrf))
      response.setCookie(Self.sessionCookie(token))
      return response
    case .failure(.limited(let seconds)):
      var response = try Self.json(
        ErrorJSON(error: "too_many_attempts", message: "too many failed sign-ins", problems: []), status: .tooManyRequests)
      response.headers[.retryAfter] = String(seconds)
      return response
    case .failure(.wrong):
      return try Self.json(ErrorJSON(error: "wrong_credentials", message: "wrong account or password", problems: []), status: .unauthorized)
    }
  }

  struct ErrorJSON: Codable {
    let error: String
    let message: String
    let problems: [FieldProblem]
  }

  struct EventsJSON: Codable {
    let outcome: String
    let events: [RecordText.EventJSON]
    let digest: String?
    let clock: String?
  }

  /// One event as JSON (a scenario's `events` entry, dated on the clock), with the
  /// session's CSRF token in `X-CSRF-Token`.
  func apiEvent(_ request: Request, context: ServerContext) async throws -> Response {
    let session = try await postSession(request, fields: [])
    let body = try await request.body.collect(upTo: context.maxUploadSize)
    do {
      switch try await exercise.submit(text: String(buffer: body), file: "request", role: session.account.role) {
      case .recorded(let appended):
        return try Self.json(
          EventsJSON(
            outcome: appended.records.last?.outcome.rawValue ?? "none", events: appended.records.map(RecordText.EventJSON.init),
            digest: appended.digest, clock: appended.clock.description))
      case .waiting:
        return try Self.json(EventsJSON(outcome: "waiting_for_other_signature", events: [], digest: nil, clock: nil), status: .accepted)
      }
    } catch let e as SubmissionError {
      throw ServerError(e)
    }
  }

  struct ClockJSON: Codable { let date: String }

  func apiClock(_ request: Request, context: ServerContext) async throws -> Response {
    let session = try await postSession(request, fields: [])
    guard session.account.role == .control else {
      return try Self.json(ErrorJSON(error: "forbidden", message: "control runs the clock", problems: []), status: .forbidden)
    }
    let body = try await request.body.collect(upTo: context.maxUploadSize)
    guard let clock = try? JSONDecoder().decode(ClockJSON.self, from: Data(buffer: body)), let day = Day(text: clock.date) else {
      return try Self.json(
        ErrorJSON(
          error: "bad_input", message: "expected {\"date\": \"YYYY-MM-DD\"}", problems: [FieldProblem(field: "date", message: "not a date")]
        ),
        status: .badRequest)
    }
    do {
      let appended = try await exercise.advance(to: day)
      return try Self.json(
        EventsJSON(
          outcome: "advanced", events: appended.records.map(RecordText.EventJSON.init), digest: appended.digest,
          clock: appended.clock.description))
    } catch let e as SubmissionError {
      throw ServerError(e)
    }
  }

  // MARK: - Helpers

  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func text(_ text: String, type: String) -> Response {
    Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Response(
      status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
  }

  static func safeName(_ name: String) -> String {
    String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
  }

  /// The fields of a URL-encoded form, in order (at most 200).
  static func form(_ request: Request, context: ServerContext) async throws -> [(String, String)] {
    var request = request
    let body = try await request.collectBody(upTo: context.maxUploadSize)
    return try EventForm.fields(String(buffer: body))
  }
}

/// An error answered as `{"error": CODE, "message", "problems": []}`: every error of the
/// server has this shape and a stable code (`sign_in_required`, `csrf_token`,
/// `forbidden`, `bad_input`, `not_found`, `too_large`, …).
struct ServerError: HTTPResponseError {
  let status: HTTPResponse.Status
  let code: String
  let message: String
  var problems: [FieldProblem] = []
  var headers: HTTPFields { [:] }

  init(_ status: HTTPResponse.Status, code: String, _ message: String) {
    self.status = status
    self.code = code
    self.message = message
  }

  /// A submission that was not recorded, with its problems.
  init(_ e: SubmissionError) {
    self.init(LiveServer.status(e), code: LiveServer.code(e), e.description)
    problems = LiveServer.problems(e)
  }

  static let signIn = ServerError(.unauthorized, code: "sign_in_required", "sign in first (POST /api/login, or the page /login)")

  /// Hummingbird's own errors (no route, a body too large, a malformed request), with a code.
  init(_ error: HTTPError) {
    let code =
      switch error.status {
      case .notFound: "not_found"
      case .contentTooLarge: "too_large"
      case .methodNotAllowed: "method_not_allowed"
      case .badRequest: "bad_input"
      case .unauthorized: "sign_in_required"
      case .forbidden: "forbidden"
      default: "http_\(error.status.code)"
      }
    self.init(error.status, code: code, error.body ?? error.status.reasonPhrase)
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    try LiveServer.json(LiveServer.ErrorJSON(error: code, message: message, problems: problems), status: status)
  }
}

/// A redirect thrown by a page that needs a session.
struct Redirect: HTTPResponseError {
  let to: String
  var status: HTTPResponse.Status { .seeOther }
  var headers: HTTPFields { [.location: to] }
  func response(from request: Request, context: some RequestContext) throws -> Response {
    Response(status: status, headers: headers)
  }
}

extension HTTPFields.Element.Name {
  static let csrfToken = Self("X-CSRF-Token")!
}

/// Headers on every response: no framing by another site, no sniffing, no referrer, and
/// a content security policy that allows the server's own script and styles only (and
/// the report's inline styles).
struct SecurityHeaders: RouterMiddleware {
  typealias Context = ServerContext
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as HTTPError {
      // Hummingbird's errors (a 404, a malformed request) in the server's shape, with a code.
      response = try ServerError(error).response(from: request, context: context)
    } catch is NIOTooManyBytesError {
      response = try ServerError(.contentTooLarge, code: "too_large", "the request's body is over \(context.maxUploadSize / 1024) KiB")
        .response(
          from: request, context: context)
    } catch let error as any HTTPResponseError {
      // Errors (a redirect to sign in, a 403) get the headers too.
      response = try error.response(from: request, context: context)
    }
    response.headers[.contentSecurityPolicy] =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.referrerPolicy] = "no-referrer"
    response.headers[.xFrameOptions] = "SAMEORIGIN"
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}

/// One line per request: method, path (never the query, a body or a header) and status.
struct RequestLog: RouterMiddleware {
  typealias Context = ServerContext
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    do {
      let response = try await next(request, context)
      context.logger.info("\(request.method) \(request.uri.path) \(response.status.code)")
      return response
    } catch {
      let status = (error as? any HTTPResponseError)?.status.code ?? 500
      context.logger.info("\(request.method) \(request.uri.path) \(status)")
      throw error
    }
  }
}

extension HTTPFields.Element.Name {
  static let xFrameOptions = Self("X-Frame-Options")!
  static let referrerPolicy = Self("Referrer-Policy")!
  static let xContentTypeOptions = Self("X-Content-Type-Options")!
}
