import ACSAAudit
import ACSADomain
import ACSAHTML
import ACSAReports
import Foundation

/// The live exercise's pages: every text from the ledger, the scenario or a request goes
/// through `HTML.text` before it enters a page. No inline script (the pages' one script
/// is `/live.js`, under a content security policy that allows nothing else).
enum Pages {
  static func page(title: String, body: String, live: Bool = false) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(HTML.text(title))</title>
    <link rel="stylesheet" href="/style.css">
    \(live ? "<script src=\"/live.js\" defer></script>" : "")
    </head>
    <body>
    <main>
    \(body)
    </main>
    </body>
    </html>

    """
  }

  /// Styles of the live pages: the report's, and forms.
  static let css =
    ReportStyle.css + """
      form.event { display: inline-block; vertical-align: top; margin: 0 1em 1em 0; padding: .6em .8em; border: 1px solid #d3d9e0; border-radius: 6px; background: #f6f7f9; }
      form.event h3 { margin: 0 0 .4em; }
      form.event label { display: block; font-size: .85em; color: #39424c; margin-top: .3em; }
      form.event input[type=text], form.event select { width: 14em; }
      .flash { padding: .5em .8em; border-left: 4px solid #2e7d32; background: #edf7ee; }
      .flash.bad { border-left-color: #b3261e; background: #fbeceb; }
      .flash p { margin: .2em 0; }
      .rule { color: #39424c; font-size: .92em; margin-left: 1.5em; }
      header.bar { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; flex-wrap: wrap; }
      header.bar form { display: inline; }
      .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; }
      iframe.report { width: 100%; height: 900px; border: 1px solid #d3d9e0; }

      """

  /// The pages' script: when the server says the ledger changed, the live part of the
  /// page is fetched again, and control's embedded report (its charts) reloaded, at most
  /// once every 5 seconds (a report is a whole audit).
  static let script = """
    "use strict";
    (function () {
      var live = document.getElementById("live");
      if (!live || !window.EventSource) { return; }
      var source = new EventSource("/live");
      var busy = false, again = false;
      function refresh() {
        if (busy) { again = true; return; }
        busy = true;
        fetch(live.getAttribute("data-fragment"), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) { if (html !== null) { live.innerHTML = html; } })
          .finally(function () { busy = false; if (again) { again = false; refresh(); } });
      }
      var reports = document.querySelectorAll("iframe.report");
      var reportTimer = null, lastReport = 0;
      function refreshReports() {
        if (reports.length === 0 || reportTimer !== null) { return; }
        reportTimer = setTimeout(function () {
          reportTimer = null;
          lastReport = Date.now();
          reports.forEach(function (frame) {
            try { frame.contentWindow.location.reload(); } catch (x) { frame.src = frame.getAttribute("src"); }
          });
        }, Math.max(0, lastReport + 5000 - Date.now()));
      }
      source.addEventListener("ledger", function (e) {
        var clock = document.getElementById("clock");
        try { var change = JSON.parse(e.data); if (clock) { clock.textContent = change.clock; } } catch (x) {}
        refresh();
        refreshReports();
      });
    })();

    """

  // MARK: - Login

  static func login(csrf: String, message: String?, scenario: String) -> String {
    var body = "<p class=\"kicker\">acsa live exercise</p><h1>\(HTML.text(scenario))</h1>"
    if let message { body += "<p class=\"flash bad\">\(HTML.text(message))</p>" }
    body += """
      <form method="post" action="/login" class="event">
      <input type="hidden" name="csrf" value="\(HTML.text(csrf))">
      <label for="name">Account</label><input type="text" id="name" name="name" autocomplete="username" required>
      <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
      <p><button type="submit" id="login">Sign in</button></p>
      </form>
      """
    return page(title: "Sign in: \(scenario)", body: body)
  }

  // MARK: - Shared parts

  static func header(_ exercise: Exercise, _ snapshot: Snapshot, account: Account, csrf: String) -> String {
    """
    <header class="bar">
    <div><p class="kicker">acsa live exercise · \(HTML.text(account.role.description)) · signed in as \(HTML.text(account.name))</p>
    <h1>\(HTML.text(exercise.scenarioName))</h1></div>
    <div>Clock: <strong id="clock">\(snapshot.clock)</strong> (\(exercise.start) to \(exercise.end))
    <form method="post" action="/logout"><input type="hidden" name="csrf" value="\(HTML.text(csrf))"><button type="submit" id="logout">Sign out</button></form></div>
    </header>
    """
  }

  /// What became of a submission, in the words of `acsa record` and `acsa explain`.
  static func outcome(_ records: [EventRecord]) -> String {
    guard !records.isEmpty else { return "<div class=\"flash\"><p>The clock moved; no deadline passed.</p></div>" }
    let refused = records.contains { $0.outcome == .refused }
    var out = "<div class=\"flash\(refused ? " bad" : "")\" id=\"outcome\">"
    for r in records {
      out += "<p>" + HTML.text(eventLine(r)) + "</p>"
      if r.outcome == .refused, let code = r.code.flatMap(RefusalCode.init(rawValue:)) {
        out += "<p class=\"rule\">Rule (<span class=\"code\">\(HTML.text(code.rawValue))</span>): \(HTML.prose(code.rule))</p>"
        out += "<p class=\"rule\">\(HTML.prose(code.origin.text))</p>"
      }
    }
    return out + "</div>"
  }

  static func eventLine(_ r: EventRecord) -> String { RecordText.line(r) }

  static func problems(_ problems: [FieldProblem]) -> String {
    "<div class=\"flash bad\" id=\"outcome\">"
      + problems.map { p in
        "<p>" + (p.field.isEmpty ? "" : "<span class=\"code\">\(HTML.text(p.field))</span>: ") + HTML.text(p.message) + "</p>"
      }.joined() + "</div>"
  }

  static func message(_ text: String, bad: Bool) -> String {
    "<div class=\"flash\(bad ? " bad" : "")\" id=\"outcome\"><p>\(HTML.text(text))</p></div>"
  }

  /// One book: what is owed each way, the orders, the deadlines coming up, the events.
  static func book(_ view: BookView) -> String {
    let owner = view.book
    var out = "<section class=\"book\" id=\"book-\(HTML.text(owner))\"><h2>\(HTML.text(owner))'s book</h2>"
    // Balances.
    out += "<h3>Owed, as this book records it</h3>"
    out +=
      view.owed.isEmpty
      ? "<p class=\"empty\">Nothing is owed either way.</p>"
      : "<table class=\"narrow balances\"><thead><tr><th>who</th><th>kind</th><th>open</th></tr></thead><tbody>"
        + view.owed.map {
          "<tr><td>\(HTML.text($0.debtor)) owes \(HTML.text($0.creditor))</td><td>\(HTML.text($0.kind))</td>"
            + "<td class=\"num\">\(HTML.text($0.amount))</td></tr>"
        }.joined() + "</tbody></table>"
    // Orders.
    out += "<h3>Orders</h3>"
    if view.orders.isEmpty {
      out += "<p class=\"empty\">No order yet.</p>"
    } else {
      out +=
        "<table class=\"orders\"><thead><tr><th>order</th><th>date</th><th>provider → receiver</th><th>lines</th><th>settlement</th><th>signed</th><th>deliveries</th><th>status</th></tr></thead><tbody>"
      for o in view.orders {
        var signed = o.signed ? "yes" : "no"
        if !o.signed_waiting.isEmpty {
          signed += " (" + o.signed_waiting.map { "\($0) has signed" }.joined(separator: ", ") + ")"
        }
        out +=
          "<tr data-order=\"\(HTML.text(o.order))\"><td class=\"code\">\(HTML.text(o.order))</td><td>\(o.date)</td>"
          + "<td>\(HTML.text(o.provider)) → \(HTML.text(o.receiver))</td><td>\(HTML.text(o.lines.joined(separator: ", ")))</td>"
          + "<td>\(HTML.text(o.settlement))</td><td>\(HTML.text(signed))</td>"
          + "<td class=\"num\">\(o.deliveries)</td><td class=\"status\">\(HTML.text(o.status))</td></tr>"
      }
      out += "</tbody></table>"
    }
    // Deadlines.
    out += "<h3>Deadlines coming up</h3>"
    if view.deadlines.isEmpty {
      out += "<p class=\"empty\">Nothing open.</p>"
    } else {
      out +=
        "<table class=\"deadlines\"><thead><tr><th>order</th><th>who owes whom</th><th>kind</th><th>open</th><th>due</th><th>deadline</th></tr></thead><tbody>"
      for d in view.deadlines.prefix(20) {
        out +=
          "<tr><td class=\"code\">\(HTML.text(d.order))</td><td>\(HTML.text(d.debtor)) → \(HTML.text(d.creditor))</td>"
          + "<td>\(HTML.text(d.kind))</td><td class=\"num\">\(HTML.text(d.amount))</td>"
          + "<td>\(d.due ?? "")</td><td>\(d.deadline)\(d.passed ? " (passed)" : "")</td></tr>"
      }
      out += "</tbody></table>"
      if view.deadlines.count > 20 { out += "<p class=\"empty\">… and \(view.deadlines.count - 20) more.</p>" }
    }
    // Events recorded in this book.
    out += "<h3>Latest events</h3>"
    out +=
      view.records.isEmpty
      ? "<p class=\"empty\">None yet.</p>"
      : "<ul class=\"events\">" + view.records.reversed().map { "<li>\(HTML.text(eventLine($0)))</li>" }.joined() + "</ul>"
    return out + "</section>"
  }

  // MARK: - Forms

  struct Field {
    enum Kind {
      case text(placeholder: String)
      case select([(value: String, label: String)], optional: Bool)
      case checkbox(checked: Bool)
      case hidden(String)
    }
    let name: String
    let label: String
    let kind: Kind
  }

  static func form(_ action: String, title: String, fields: [Field], csrf: String) -> String {
    let head =
      "<form method=\"post\" action=\"/events\" class=\"event\" id=\"form-\(HTML.text(action))\"><h3>\(HTML.text(title))</h3>"
    // An order to pick, and none yet: the form says so instead of offering an empty choice.
    let noOrder = fields.contains { f in
      if case .select(let options, false) = f.kind, f.name == action + ".order" { return options.isEmpty }
      return false
    }
    if noOrder { return head + "<p class=\"empty\">No order to pick yet: this book holds none this action applies to.</p></form>" }
    var out = head + "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.text(csrf))\">"
    for f in fields {
      // (Ids unique on the page: control's `books` field is in every form.)
      let id = HTML.text("f-" + (f.name.hasPrefix(action + ".") ? f.name : action + "." + f.name))
      let name = HTML.text(f.name)
      switch f.kind {
      case .hidden(let value): out += "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTML.text(value))\">"
      case .text(let placeholder):
        out +=
          "<label for=\"\(id)\">\(HTML.text(f.label))</label><input type=\"text\" id=\"\(id)\" name=\"\(name)\" placeholder=\"\(HTML.text(placeholder))\">"
      case .select(let options, let optional):
        out += "<label for=\"\(id)\">\(HTML.text(f.label))</label><select id=\"\(id)\" name=\"\(name)\">"
        if optional { out += "<option value=\"\"></option>" }
        for o in options { out += "<option value=\"\(HTML.text(o.value))\">\(HTML.text(o.label))</option>" }
        out += "</select>"
      case .checkbox(let checked):
        // (Unchecked, a checkbox sends nothing: the hidden field says false.)
        out +=
          "<input type=\"hidden\" name=\"\(name)\" value=\"false\"><label><input type=\"checkbox\" id=\"\(id)\" name=\"\(name)\" value=\"true\"\(checked ? " checked" : "")> \(HTML.text(f.label))</label>"
      }
    }
    return out + "<p><button type=\"submit\" id=\"submit-\(HTML.text(action))\">Record</button></p></form>"
  }

  /// The forms of the actions `role` may take, with the choices its book offers.
  static func forms(_ exercise: Exercise, _ snapshot: Snapshot, role: Role, csrf: String) -> String {
    let f = exercise.framework
    let party: PartyID? = if case .team(let p) = role { p } else { nil }
    let book = snapshot.books.first { $0.owner == party } ?? snapshot.books.first
    func orders(where include: (OrderRecord) -> Bool) -> [(String, String)] {
      var ids: [String] = []
      for b in snapshot.books where party == nil || b.owner == party {
        for id in b.orderIDs where !ids.contains(id) { if let rec = b.orders[id], include(rec) { ids.append(id) } }
      }
      return ids.map { ($0, $0) }
    }
    func asReceiver(_ rec: OrderRecord) -> Bool { party == nil || rec.receiver == party }
    func asProvider(_ rec: OrderRecord) -> Bool { party == nil || rec.provider == party }
    let items = f.items.values.sorted { $0.id < $1.id }.map { ($0.id, "\($0.id) (\($0.unit))") }
    let units = f.units.values.sorted { $0.id < $1.id }
    let mine = units.filter { party == nil || $0.party == party }.map { ($0.id, $0.label) }
    let theirs = units.filter { party == nil || $0.party != party }.map { ($0.id, $0.label) }
    let activities = f.activities.values.sorted { $0.id < $1.id }.map { ($0.id, $0.name ?? $0.id) }
    func lines(_ prefix: String, rows: Int = 2) -> [Field] {
      (0..<rows).flatMap { i in
        [
          Field(name: "\(prefix).lines[\(i)].item", label: "line \(i + 1): item", kind: .select(items, optional: true)),
          Field(name: "\(prefix).lines[\(i)].qty", label: "line \(i + 1): quantity", kind: .text(placeholder: "10")),
        ]
      }
    }
    func orderPick(_ action: String, _ choices: [(String, String)]) -> Field {
      Field(name: "\(action).order", label: "order", kind: .select(choices, optional: false))
    }
    let receiving = orders(where: asReceiver)
    let providing = orders(where: asProvider)
    var out = ""
    if party == nil {
      out += "<p>Control records events as either party; choose <em>books</em> to record one in one party's book only (a lapse).</p>"
    }
    let books: [Field] =
      party == nil
      ? [
        Field(
          name: "books", label: "books (a lapse: one book only)",
          kind: .select(f.partyIDs.map { ($0, "\($0)'s book only") }, optional: true))
      ] : []
    // The receiver's.
    out += form(
      "order", title: "Order (receiver)",
      fields: [
        Field(name: "order.id", label: "order id", kind: .text(placeholder: "\(party ?? "JP")-0001")),
        Field(name: "order.activity", label: "activity", kind: .select(activities, optional: false)),
        Field(name: "order.provider", label: "provider (unit)", kind: .select(theirs, optional: false)),
        Field(name: "order.receiver", label: "receiver (unit)", kind: .select(mine, optional: false)),
        Field(
          name: "order.settlement", label: "settlement",
          kind: .select([("cash", "cash"), ("replacement", "replacement in kind"), ("equal_value", "equal value")], optional: false)),
      ] + lines("order")
        + [
          party == nil
            ? Field(name: "order.signed", label: "already signed by both", kind: .checkbox(checked: false))
            : Field(name: "order.signed", label: "", kind: .hidden("false"))
        ]
        + books, csrf: csrf)
    let signatories = (party.map { [$0] } ?? f.partyIDs).flatMap { p in f.party(p).signatories.map { (p, $0) } }
    out += form(
      "sign", title: party == nil ? "Sign (both parties)" : "Sign for \(party!)",
      fields: [orderPick("sign", orders { !$0.signed })]
        + (party.map { p in
          [Field(name: "sign.signed_by.\(p)", label: "signatory", kind: .select(signatories.map { ($0.1.id, $0.1.name) }, optional: true))]
        }
          ?? f.partyIDs.map { p in
            Field(
              name: "sign.signed_by.\(p)", label: "\(p) signatory",
              kind: .select(signatories.filter { $0.0 == p }.map { ($0.1.id, $0.1.name) }, optional: true))
          }) + books, csrf: csrf)
    out += form(
      "deliver", title: "Deliver (provider)",
      fields: [orderPick("deliver", providing)] + lines("deliver", rows: 1) + [
        Field(name: "deliver.receipt", label: "receipt signed", kind: .checkbox(checked: true)),
        Field(name: "deliver.claim", label: "claim now", kind: .checkbox(checked: true)),
      ] + books, csrf: csrf)
    for (action, title) in [("claim", "Claim (provider)"), ("invoice", "Invoice (provider)")] {
      out += form(action, title: title, fields: [orderPick(action, providing)] + books, csrf: csrf)
    }
    out += form(
      "pay", title: "Pay (receiver)",
      fields: [
        orderPick("pay", receiving),
        Field(name: "pay.amount", label: "amount", kind: .text(placeholder: "\(f.currency(of: f.partyIDs[1]).code) 1000.00")),
      ] + books, csrf: csrf)
    out += form(
      "return", title: "Return in kind (receiver)", fields: [orderPick("return", receiving)] + lines("return", rows: 1) + books, csrf: csrf)
    out += form(
      "exchange", title: "Exchange, equal value (receiver)",
      fields: [orderPick("exchange", receiving)] + lines("exchange", rows: 1) + books,
      csrf: csrf)
    out += form(
      "transfer", title: "Transfer to a third party (receiver)",
      fields: [orderPick("transfer", receiving)] + lines("transfer", rows: 1) + [
        Field(name: "transfer.to", label: "to", kind: .text(placeholder: "a third party")),
        Field(name: "transfer.consent", label: "consent (reference)", kind: .text(placeholder: "letter ref.")),
      ] + books, csrf: csrf)
    out += form("cancel", title: "Cancel (receiver)", fields: [orderPick("cancel", receiving)] + books, csrf: csrf)
    for (action, title) in [("convert", "Convert to cash (provider)"), ("close", "Close (provider)")] {
      out += form(action, title: title, fields: [orderPick(action, providing)] + books, csrf: csrf)
    }
    if party == nil {
      out += form(
        "offset", title: "Offset claims (control)",
        fields: [Field(name: "offset.amount", label: "amount", kind: .text(placeholder: "\(f.currency(of: f.partyIDs[1]).code) 1000.00"))],
        csrf: csrf)
    }
    _ = book
    return out
  }

  // MARK: - Team and control

  static func teamLive(_ exercise: Exercise, _ snapshot: Snapshot, party: PartyID) -> String {
    "<p>Ledger digest <span class=\"code digest\">\(snapshot.digest)</span>, \(snapshot.events) events.</p>"
      + BookView.views(snapshot, framework: exercise.framework, party: party).map(book).joined()
  }

  static func team(
    _ exercise: Exercise, _ snapshot: Snapshot, account: Account, party: PartyID, csrf: String, flash: String?
  ) -> String {
    let body =
      header(exercise, snapshot, account: account, csrf: csrf) + (flash ?? "")
      + "<div id=\"live\" data-fragment=\"/team/fragment\">" + teamLive(exercise, snapshot, party: party) + "</div>"
      + "<h2>Record an event (dated \(snapshot.clock))</h2>" + forms(exercise, snapshot, role: account.role, csrf: csrf)
    return page(title: "\(party): \(exercise.scenarioName)", body: body, live: true)
  }

  static func controlLive(_ exercise: Exercise, _ snapshot: Snapshot, audit: AuditReport?, differing: [String]) -> String {
    var out = "<p>Ledger digest <span class=\"code digest\">\(snapshot.digest)</span>, \(snapshot.events) events.</p>"
    out += "<h2>Reconciliation</h2>"
    out +=
      differing.isEmpty
      ? "<p id=\"reconciliation\" class=\"agree\">The two books agree on every order.</p>"
      : "<p id=\"reconciliation\" class=\"warning\">The books differ on: "
        + differing.map { "<span class=\"code\">\(HTML.text($0))</span>" }.joined(separator: ", ") + "</p>"
    out += "<h2>Findings as of \(snapshot.clock)</h2>"
    if let audit {
      if audit.items.isEmpty {
        out += "<p class=\"empty\" id=\"findings\">No finding.</p>"
      } else {
        out += "<table id=\"findings\"><thead><tr><th>code</th><th>order</th><th>books</th><th>what</th></tr></thead><tbody>"
        for item in audit.items {
          let f = item.finding
          out +=
            "<tr data-code=\"\(HTML.text(f.code.rawValue))\"><td class=\"code\">\(HTML.text(f.code.rawValue))</td><td class=\"code\">\(HTML.text(f.order))</td>"
            + "<td>\(HTML.text(f.books.joined(separator: ", ")))</td><td>\(HTML.text(f.message))</td></tr>"
        }
        out += "</tbody></table>"
      }
    } else {
      out += "<p class=\"empty\">The audit could not be read.</p>"
    }
    out += "<div class=\"columns\">"
    for view in BookView.views(snapshot, framework: exercise.framework, party: nil) { out += "<div>" + book(view) + "</div>" }
    return out + "</div>"
  }

  static func control(
    _ exercise: Exercise, _ snapshot: Snapshot, account: Account, csrf: String, flash: String?, audit: AuditReport?,
    differing: [String]
  ) -> String {
    let body =
      header(exercise, snapshot, account: account, csrf: csrf) + (flash ?? "")
        + """
        <h2>Clock</h2>
        <form method="post" action="/clock" class="event" id="form-clock">
        <input type="hidden" name="csrf" value="\(HTML.text(csrf))">
        <label for="f-date">advance to (deadline processing runs day by day)</label>
        <input type="text" id="f-date" name="date" placeholder="\(snapshot.clock.adding(days: 1))">
        <p><button type="submit" id="submit-clock">Advance</button></p>
        </form>
        <p>Downloads: <a href="/control/report" id="download-report">the report (HTML)</a> ·
        <a href="/control/ledger" id="download-ledger">the ledger (SQLite)</a> ·
        <a href="/control/scenario" id="download-scenario">the exercise as a scenario (YAML)</a></p>
        """
      + "<div id=\"live\" data-fragment=\"/control/fragment\">"
      + controlLive(exercise, snapshot, audit: audit, differing: differing) + "</div>"
      + "<h2>Record an event (dated \(snapshot.clock))</h2>" + forms(exercise, snapshot, role: account.role, csrf: csrf)
      + "<h2>Charts</h2><iframe class=\"report\" src=\"/control/report?embed=1\" title=\"the report\"></iframe>"
    return page(title: "Control: \(exercise.scenarioName)", body: body, live: true)
  }
}
