import ACSAAudit
import ACSADomain
import ACSAHTML
import ACSALedger
import ACSAScenario
import ACSASimulation
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import ACSAServer

@Suite("The server's routes")
struct RouteTests {
  @Test("static files, and the security headers on every response")
  func staticFiles() async throws {
    try await Fixture.run { _, client in
      let css = try await client.execute(uri: "/style.css", method: .get)
      #expect(css.status == .ok)
      #expect(css.headers[.contentType] == "text/css; charset=utf-8")
      #expect(css.text.contains("form.event"))
      let js = try await client.execute(uri: "/live.js", method: .get)
      #expect(js.status == .ok)
      #expect(js.text.contains("new EventSource(\"/live\")"))
      for uri in ["/style.css", "/login", "/team", "/nowhere"] {
        let r = try await client.execute(uri: uri, method: .get)
        #expect(r.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true, "\(uri)")
        #expect(r.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
        #expect(r.headers[.init("X-Frame-Options")!] == "SAMEORIGIN", "\(uri)")
      }
      #expect(try await client.execute(uri: "/nowhere", method: .get).status == .notFound)
    }
  }

  @Test("pages and downloads need a session: a redirect to sign in, or 401 for the API")
  func needSession() async throws {
    try await Fixture.run { f, client in
      for uri in [
        "/", "/team", "/team/fragment", "/control", "/control/fragment", "/control/report", "/control/ledger", "/control/scenario", "/live",
      ] {
        let r = try await client.execute(uri: uri, method: .get)
        #expect(r.status == .seeOther, "\(uri): \(r.status)")
        #expect(r.headers[.location] == "/login", "\(uri)")
      }
      #expect(try await client.execute(uri: "/api/state", method: .get).status == .unauthorized)
      let before = try await f.state()
      for uri in ["/events", "/clock", "/logout"] {
        let r = try await client.execute(
          uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: formBody([("pay.order", "PH-0001")]))
        #expect(r.status == .unauthorized, "\(uri): \(r.status)")
      }
      for uri in ["/api/events", "/api/clock"] {
        let r = try await client.execute(
          uri: uri, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
        #expect(r.status == .unauthorized, "\(uri): \(r.status)")
      }
      // A forged cookie is no session.
      let forged = try await client.execute(
        uri: "/api/state", method: .get, headers: [.cookie: "acsa_session=\(String(repeating: "0", count: 64))"])
      #expect(forged.status == .unauthorized)
      #expect(try await f.state().digest == before.digest)
    }
  }

  @Test("a team sees its own pages only; control sees control's")
  func pagesByRole() async throws {
    try await Fixture.run { f, client in
      let jp = try await f.session("jp")
      let control = try await f.session("control")
      let root = try await client.execute(uri: "/", method: .get, headers: jp.headers)
      #expect(root.status == .seeOther && root.headers[.location] == "/team")
      #expect(try await client.execute(uri: "/", method: .get, headers: control.headers).headers[.location] == "/control")
      let team = try await client.execute(uri: "/team", method: .get, headers: jp.headers)
      #expect(team.status == .ok)
      #expect(team.text.contains("id=\"book-JP\""))
      #expect(!team.text.contains("id=\"book-PH\""), "a team sees its own book only")
      #expect(team.text.contains("data-order=\"PH-0001\""))
      #expect(team.text.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(jp.csrf)\">"))
      #expect(!team.text.contains("form-offset"), "no control form on a team's page")
      #expect(team.text.contains("signed in as jp"))
      // JP provides nothing yet, and PH-0001 is signed: those forms say so instead of
      // offering an empty choice; paying for PH-0001 is open.
      for action in ["deliver", "claim", "invoice", "sign"] {
        #expect(
          team.text.contains(
            "id=\"form-\(action)\"><h3>\(action == "sign" ? "Sign for JP" : "\(action.prefix(1).uppercased())\(action.dropFirst()) (provider)")</h3><p class=\"empty\">No order to pick yet"
          ), "\(action)")
        #expect(!team.text.contains("id=\"submit-\(action)\""), "\(action)")
      }
      #expect(team.text.contains("<option value=\"PH-0001\">PH-0001</option>") && team.text.contains("id=\"submit-pay\""))
      // JP owes PH for nothing delivered yet; the opening order's deadline is not set until delivery.
      #expect(team.text.contains("Nothing is owed either way."))
      let fragment = try await client.execute(uri: "/team/fragment", method: .get, headers: jp.headers)
      #expect(fragment.status == .ok && fragment.text.contains("id=\"book-JP\"") && !fragment.text.contains("<form"))
      for uri in ["/control/fragment", "/control/report", "/control/ledger", "/control/scenario"] {
        #expect(try await client.execute(uri: uri, method: .get, headers: jp.headers).status == .forbidden, "\(uri)")
      }
      let toTeam = try await client.execute(uri: "/control", method: .get, headers: jp.headers)
      #expect(toTeam.status == .seeOther && toTeam.headers[.location] == "/team")
      let controlPage = try await client.execute(uri: "/control", method: .get, headers: control.headers)
      #expect(controlPage.status == .ok)
      #expect(controlPage.text.contains("id=\"book-JP\"") && controlPage.text.contains("id=\"book-PH\""))
      #expect(controlPage.text.contains("The two books agree on every order."))
      #expect(controlPage.text.contains("form-offset") && controlPage.text.contains("form-clock"))
      let toControl = try await client.execute(uri: "/team", method: .get, headers: control.headers)
      #expect(toControl.status == .seeOther && toControl.headers[.location] == "/control")
      #expect(try await client.execute(uri: "/team/fragment", method: .get, headers: control.headers).status == .forbidden)
    }
  }

  @Test("every POST needs the session's CSRF token: 403 and nothing written without it")
  func csrf() async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      let other = try await f.session("jp")
      let before = try await f.state()
      let pay = [("pay.order", "PH-0001"), ("pay.amount", "PHP 10.00")]
      for token in [nil, "", "0123", other.csrf, String(control.csrf.reversed())] {
        let fields = pay + (token.map { [("csrf", $0)] } ?? [])
        for uri in ["/events", "/clock", "/logout"] {
          let r = try await client.execute(
            uri: uri, method: .post, headers: control.form, body: formBody(fields + [("date", "2026-10-06")]))
          #expect(r.status == .forbidden, "\(uri) with token \(token ?? "none"): \(r.status)")
        }
        var headers: HTTPFields = [.cookie: control.cookie, .contentType: "application/json"]
        if let token { headers[.init("X-CSRF-Token")!] = token }
        let api = try await client.execute(
          uri: "/api/events", method: .post, headers: headers,
          body: ByteBuffer(string: ActionCase.event("\"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 10.00\"}")))
        #expect(api.status == .forbidden)
        let clock = try await client.execute(
          uri: "/api/clock", method: .post, headers: headers, body: ByteBuffer(string: "{\"date\": \"2026-10-06\"}"))
        #expect(clock.status == .forbidden)
      }
      let after = try await f.state()
      #expect(after.digest == before.digest && after.events == before.events)
      // The session is still open (a wrong token does not sign out).
      #expect(try await client.execute(uri: "/api/state", method: .get, headers: control.headers).status == .ok)
    }
  }

  @Test("sign-in with the form: the form's own token, the session cookie, sign-out")
  func formLogin() async throws {
    try await Fixture.run { f, client in
      let page = try await client.execute(uri: "/login", method: .get)
      #expect(page.status == .ok)
      let loginCookie = try #require(page.cookie("acsa_login"))
      #expect(loginCookie.contains("HttpOnly") && loginCookie.contains("SameSite=Strict"))
      let token = cookieValue(loginCookie)
      #expect(token.count == 64)
      #expect(page.text.contains("name=\"csrf\" value=\"\(token)\""))
      let password = try #require(f.passwords["ph"])
      let headers: HTTPFields = [.cookie: "acsa_login=\(token)", .contentType: "application/x-www-form-urlencoded"]
      // Without the form's token: refused before the password is looked at.
      let noToken = try await client.execute(
        uri: "/login", method: .post, headers: headers, body: formBody([("name", "ph"), ("password", password)]))
      #expect(noToken.status == .forbidden)
      #expect(noToken.cookie("acsa_session") == nil)
      let wrong = try await client.execute(
        uri: "/login", method: .post, headers: headers, body: formBody([("csrf", token), ("name", "ph"), ("password", password + "x")]))
      #expect(wrong.status == .unauthorized)
      #expect(wrong.text.contains("Wrong account or password."))
      #expect(wrong.cookie("acsa_session") == nil)
      let unknown = try await client.execute(
        uri: "/login", method: .post, headers: headers, body: formBody([("csrf", token), ("name", "nobody"), ("password", password)]))
      #expect(unknown.status == .unauthorized)
      let right = try await client.execute(
        uri: "/login", method: .post, headers: headers, body: formBody([("csrf", token), ("name", "ph"), ("password", password)]))
      #expect(right.status == .found)
      #expect(right.headers[.location] == "/team")
      let session = try #require(right.cookie("acsa_session"))
      #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict") && session.contains("Path=/"))
      let cookie = "acsa_session=\(cookieValue(session))"
      let state = try await client.execute(uri: "/api/state", method: .get, headers: [.cookie: cookie])
      #expect(state.status == .ok)
      #expect(try state.json()["account"] as? String == "ph")
      #expect(try state.json()["role"] as? String == "team PH")
      let csrf = try #require(try state.json()["csrf"] as? String)
      // Sign out: the session ends and the cookie is cleared.
      let out = try await client.execute(
        uri: "/logout", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
        body: formBody([("csrf", csrf)]))
      #expect(out.status == .found && out.headers[.location] == "/login")
      #expect(out.cookie("acsa_session")?.contains("Max-Age=0") == true)
      #expect(try await client.execute(uri: "/api/state", method: .get, headers: [.cookie: cookie]).status == .unauthorized)
    }
  }

  @Test("sign-in for scripts: JSON in, the state and its CSRF token out")
  func apiLogin() async throws {
    try await Fixture.run { f, client in
      let password = try #require(f.passwords["control"])
      let json: HTTPFields = [.contentType: "application/json"]
      let bad = try await client.execute(uri: "/api/login", method: .post, headers: json, body: ByteBuffer(string: "{\"name\": 3}"))
      #expect(bad.status == .badRequest)
      let wrong = try await client.execute(
        uri: "/api/login", method: .post, headers: json, body: ByteBuffer(string: "{\"name\": \"control\", \"password\": \"nope\"}"))
      #expect(wrong.status == .unauthorized)
      #expect(try wrong.json()["error"] as? String == "wrong_credentials")
      let right = try await client.execute(
        uri: "/api/login", method: .post, headers: json,
        body: ByteBuffer(string: "{\"name\": \"control\", \"password\": \"\(password)\"}"))
      #expect(right.status == .ok)
      let state = try right.json()
      #expect(state["role"] as? String == "control")
      #expect(state["clock"] as? String == "2026-10-05")
      #expect(state["start"] as? String == "2026-10-01" && state["end"] as? String == "2027-12-31")
      #expect(state["scenario"] as? String == "KAMANDAG 2026, played live")
      let digest = try await f.state().digest
      #expect(state["digest"] as? String == digest)
      let cookie = try #require(right.cookie("acsa_session"))
      let csrf = try #require(state["csrf"] as? String)
      let clock = try await client.execute(
        uri: "/api/clock", method: .post,
        headers: [.cookie: "acsa_session=\(cookieValue(cookie))", .contentType: "application/json", .init("X-CSRF-Token")!: csrf],
        body: ByteBuffer(string: "{\"date\": \"2026-10-07\"}"))
      #expect(clock.status == .ok)
      #expect(try clock.json()["clock"] as? String == "2026-10-07")
      #expect(try clock.json()["outcome"] as? String == "advanced")
    }
  }

  @Test("sign-in attempts are limited per account: 429 with Retry-After, even with the right password")
  func loginLimit() async throws {
    try await Fixture.run(loginLimit: 3) { f, client in
      let password = try #require(f.passwords["jp"])
      let json: HTTPFields = [.contentType: "application/json"]
      for _ in 0..<3 {
        let r = try await client.execute(
          uri: "/api/login", method: .post, headers: json, body: ByteBuffer(string: "{\"name\": \"jp\", \"password\": \"guess\"}"))
        #expect(r.status == .unauthorized)
      }
      let limited = try await client.execute(
        uri: "/api/login", method: .post, headers: json, body: ByteBuffer(string: "{\"name\": \"jp\", \"password\": \"\(password)\"}"))
      #expect(limited.status == .tooManyRequests)
      #expect(try limited.json()["error"] as? String == "too_many_attempts")
      let wait = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
      #expect(wait > 0 && wait <= 300)
      #expect(limited.cookie("acsa_session") == nil)
      // The form is limited as the API is.
      let page = try await client.execute(uri: "/login", method: .get)
      let token = cookieValue(try #require(page.cookie("acsa_login")))
      let form = try await client.execute(
        uri: "/login", method: .post, headers: [.cookie: "acsa_login=\(token)", .contentType: "application/x-www-form-urlencoded"],
        body: formBody([("csrf", token), ("name", "jp"), ("password", password)]))
      #expect(form.status == .tooManyRequests)
      #expect(form.text.contains("Too many failed sign-ins"))
      // Another account is not held back by jp's failures.
      let ph = try await client.execute(
        uri: "/api/login", method: .post, headers: json,
        body: ByteBuffer(string: "{\"name\": \"ph\", \"password\": \"\(try #require(f.passwords["ph"]))\"}"))
      #expect(ph.status == .ok)
    }
  }

  @Test("a signature waits for the other party's; the order binds once both have signed")
  func pendingSignatures() async throws {
    try await Fixture.run { f, client in
      try await placeUnsignedOrder(f, client)
      let ph = try await f.session("ph")
      let jp = try await f.session("jp")
      let first = try await client.execute(
        uri: "/events", method: .post, headers: ph.form,
        body: formBody([("csrf", ph.csrf), ("sign.order", "PH-0002"), ("sign.signed_by.PH", "MBLT4-S4")]))
      #expect(first.status == .accepted)
      #expect(first.text.contains("PH has signed PH-0002; it binds once JP signs too."))
      // Both books still hold PH-0002 unsigned; JP's page says PH has signed.
      let snapshot = try await f.exercise.snapshot()
      #expect(snapshot.books.allSatisfy { $0.orders["PH-0002"]?.signed == false })
      let page = try await client.execute(uri: "/team", method: .get, headers: jp.headers)
      #expect(page.text.contains("no (PH has signed)"))
      let second = try await client.execute(
        uri: "/api/events", method: .post, headers: jp.api,
        body: ByteBuffer(string: ActionCase.event("\"sign\": {\"order\": \"PH-0002\", \"signed_by\": {\"JP\": \"ARDB-G4\"}}")))
      #expect(second.status == .ok, "\(second.text)")
      #expect(try second.json()["outcome"] as? String == "applied")
      let signed = try await f.exercise.snapshot()
      for book in signed.books {
        let order = try #require(book.orders["PH-0002"])
        #expect(order.signed)
      }
      #expect(signed.pending["PH-0002"] == nil)
    }
  }

  @Test("a refused event shows its code, the rule and whose rule it is, and is logged as refused")
  func refusal() async throws {
    try await Fixture.run { f, client in
      let jp = try await f.session("jp")
      // Nothing was delivered or claimed: a payment is more than is owed.
      let before = try await f.state()
      let response = try await client.execute(
        uri: "/events", method: .post, headers: jp.form,
        body: formBody([("csrf", jp.csrf), ("pay.order", "PH-0001"), ("pay.amount", "PHP 1000.00")]))
      #expect(response.status == .ok)
      let code = RefusalCode.overpayment
      #expect(response.text.contains("<div class=\"flash bad\" id=\"outcome\">"))
      #expect(response.text.contains("Rule (<span class=\"code\">overpayment</span>)"))
      #expect(response.text.contains(HTML.prose(code.rule)))
      #expect(response.text.contains(HTML.prose(code.origin.text)))
      let after = try await f.state()
      #expect(after.events == before.events + 1, "a refusal is logged")
      let api = try await client.execute(
        uri: "/api/events", method: .post, headers: jp.api,
        body: ByteBuffer(string: ActionCase.event("\"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 1000.00\"}")))
      let json = try api.json()
      #expect(json["outcome"] as? String == "refused")
      let events = try #require(json["events"] as? [[String: Any]])
      #expect(events.last?["code"] as? String == "overpayment")
    }
  }

  @Test("the clock: control moves it forward with each day's deadline processing; not back, not past the end")
  func clock() async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      let moved = try await client.execute(
        uri: "/clock", method: .post, headers: control.form, body: formBody([("csrf", control.csrf), ("date", "2026-10-09")]))
      #expect(moved.status == .ok)
      #expect(moved.text.contains("<strong id=\"clock\">2026-10-09</strong>"))
      #expect(try await f.exercise.snapshot().clock.description == "2026-10-09")
      let before = try await f.state()
      let bad = try await client.execute(
        uri: "/clock", method: .post, headers: control.form, body: formBody([("csrf", control.csrf), ("date", "next week")]))
      #expect(bad.status == .badRequest)
      #expect(bad.text.contains("<span class=\"code\">date</span>: &#39;next week&#39; is not a date (YYYY-MM-DD)"), "\(bad.text)")
      let back = try await client.execute(
        uri: "/api/clock", method: .post, headers: control.api, body: ByteBuffer(string: "{\"date\": \"2026-10-08\"}"))
      #expect(back.status == .conflict)
      let past = try await client.execute(
        uri: "/api/clock", method: .post, headers: control.api, body: ByteBuffer(string: "{\"date\": \"2028-01-01\"}"))
      #expect(past.status == .conflict)
      let garbage = try await client.execute(
        uri: "/api/clock", method: .post, headers: control.api, body: ByteBuffer(string: "{\"day\": 1}"))
      #expect(garbage.status == .badRequest)
      #expect(try garbage.problemFields() == ["date"])
      #expect(try await f.state().digest == before.digest)
      #expect(try await f.exercise.snapshot().clock.description == "2026-10-09")
    }
  }

  @Test("a lapse injected by control: the books differ, the views and the audit say book_mismatch")
  func lapse() async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      let deliver = try await client.execute(
        uri: "/events", method: .post, headers: control.form,
        body: formBody([
          ("csrf", control.csrf), ("deliver.order", "PH-0001"), ("books", "PH"), ("deliver.receipt", "false"), ("deliver.receipt", "true"),
        ]))
      #expect(deliver.status == .ok, "\(deliver.text.prefix(500))")
      let fragment = try await client.execute(uri: "/control/fragment", method: .get, headers: control.headers)
      #expect(fragment.text.contains("The books differ on: <span class=\"code\">PH-0001</span>"))
      #expect(fragment.text.contains("data-code=\"book_mismatch\""))
      let audited = try AuditedLedger(path: try f.committed())
      let audit = try AuditReport.make(audited, asOf: audited.lastDay)
      #expect(audit.items.contains { $0.finding.code == .bookMismatch && $0.finding.order == "PH-0001" })
      // PH's book has the delivery, JP's has not.
      let snapshot = try await f.exercise.snapshot()
      let ph = try #require(snapshot.books.first { $0.owner == "PH" })
      let jp = try #require(snapshot.books.first { $0.owner == "JP" })
      #expect(ph.orders["PH-0001"]?.deliveries.count == 1)
      #expect(jp.orders["PH-0001"]?.deliveries.count == 0)
    }
  }

  @Test("control's downloads: the report, a copy of the ledger that verifies, the exercise as a scenario that replays to its digest")
  func downloads() async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      for event in [
        "\"deliver\": {\"order\": \"PH-0001\"}", "\"invoice\": {\"order\": \"PH-0001\"}",
        "\"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 100000.00\"}",
      ] {
        let r = try await client.execute(
          uri: "/api/events", method: .post, headers: control.api, body: ByteBuffer(string: ActionCase.event(event)))
        #expect(r.status == .ok)
      }
      let digest = try await f.state().digest
      let report = try await client.execute(uri: "/control/report", method: .get, headers: control.headers)
      #expect(report.status == .ok)
      #expect(report.headers[.contentDisposition] == "attachment; filename=\"acsa-report.html\"")
      #expect(report.text.hasPrefix("<!DOCTYPE html>") && report.text.contains(digest))
      // The report names the ledger as its users do: the file, or the URL (never a working copy).
      let label = Fixture.postgres == nil ? "exercise.sqlite" : "?ledger=" + (f.ledger.components(separatedBy: "?ledger=").last ?? "")
      #expect(report.text.contains(label), "\(label)")
      let embedded = try await client.execute(uri: "/control/report?embed=1", method: .get, headers: control.headers)
      #expect(embedded.status == .ok && embedded.headers[.contentDisposition] == nil)

      let ledger = try await client.execute(uri: "/control/ledger", method: .get, headers: control.headers)
      #expect(ledger.status == .ok)
      #expect(ledger.headers[.contentDisposition] == "attachment; filename=\"\((f.exercise.path as NSString).lastPathComponent)\"")
      let copy = f.folder.appendingPathComponent("copy.sqlite").path
      try Data(ledger.body.readableBytesView).write(to: URL(fileURLWithPath: copy))
      let audited = try AuditedLedger(path: copy)
      #expect(try Inspection.run(audited).problems.isEmpty)
      #expect(audited.info.meta["ledger_digest"] == digest)

      let scenario = try await client.execute(uri: "/control/scenario", method: .get, headers: control.headers)
      #expect(scenario.status == .ok)
      #expect(scenario.headers[.contentType] == "application/yaml; charset=utf-8")
      let path = f.folder.appendingPathComponent("exercise.yaml").path
      try scenario.text.write(toFile: path, atomically: true, encoding: .utf8)
      let loaded = try ScenarioLoader.load(path: path)
      let replay = f.folder.appendingPathComponent("replay.sqlite").path
      let clock = try await f.exercise.snapshot().clock
      let written = try LedgerRun.write(loaded, generated: GeneratedStream(), to: replay, inputs: [path], version: "test", through: clock)
      #expect(written.digest == digest)
    }
  }

  @Test("the live stream tells each page when the ledger changes")
  func liveStream() async throws {
    try await Fixture.run { f, client in
      let jp = try await f.session("jp")
      let control = try await f.session("control")
      let stream = Task { try await client.execute(uri: "/live", method: .get, headers: jp.headers) }
      // Wait for the page's subscription.
      for _ in 0..<200 where await f.exercise.changes.count == 0 { try await Task.sleep(for: .milliseconds(10)) }
      #expect(await f.exercise.changes.count == 1)
      let r = try await client.execute(
        uri: "/api/events", method: .post, headers: control.api,
        body: ByteBuffer(string: ActionCase.event("\"deliver\": {\"order\": \"PH-0001\"}")))
      let digest = try #require(try r.json()["digest"] as? String)
      await f.exercise.changes.finish()
      let response = try await stream.value
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "text/event-stream")
      #expect(response.text.hasPrefix(": acsa live\n\n"))
      #expect(
        response.text.contains("event: ledger\ndata: {\"clock\":\"2026-10-05\",\"digest\":\"\(digest)\",\"seq\":2}\n\n"), "\(response.text)"
      )
    }
  }

  @Test("restarting on the ledger resumes the exercise; another scenario's ledger is refused")
  func resume() async throws {
    let f = try Fixture()
    _ = try await f.exercise.submit(text: ActionCase.event("\"deliver\": {\"order\": \"PH-0001\"}"), file: "test", role: .control)
    _ = try await f.exercise.advance(to: Day(text: "2026-10-10")!)
    let before = try await f.state()
    try await f.exercise.close()
    let scenario = try ScenarioLoader.load(path: Fixture.scenarioPath)
    let again = try ExerciseSetup.open(
      scenario: scenario, scenarioFile: Fixture.scenarioPath, ledger: f.ledger, users: f.users, version: "test")
    #expect(again.resumed)
    #expect(again.newPasswords.isEmpty)
    let s = try await again.exercise.snapshot()
    #expect(s.digest == before.digest && s.events == before.events && s.clock.description == "2026-10-10")
    try await again.exercise.close()
    let other = try ScenarioLoader.load(path: Fixture.packageRoot.appendingPathComponent("scenarios/kamandag-2026.yaml").path)
    #expect(throws: ExerciseSetup.Problem.self) {
      _ = try ExerciseSetup.open(scenario: other, scenarioFile: "kamandag-2026.yaml", ledger: f.ledger, users: f.users, version: "test")
    }
  }
}
