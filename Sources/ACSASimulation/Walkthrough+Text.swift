import ACSADomain

/// What a piece of walkthrough text is, so that a terminal can colour it. The
/// walkthrough itself never writes escape codes: the command maps roles to colours (or
/// to nothing, when piped).
public enum WalkthroughRole: Sendable, CaseIterable {
  case title, heading, applied, refused, deadline, passed, failed, finding, cleared, code, note
}

extension Walkthrough {
  /// Styles a piece of text for its role.
  public typealias Styler = @Sendable (String, WalkthroughRole) -> String

  /// No styling: the text as piped.
  public static let plain: Styler = { text, _ in text }

  /// Lines are wrapped to this many characters (fixed, so that the output is the same
  /// on every terminal and in golden files).
  public static let width = 100

  /// The whole walkthrough: introduction, each day, the summary.
  public func text(style: Styler = Walkthrough.plain) -> String {
    ([introText(style: style)] + days.map { dayText($0, style: style) } + [summaryText(style: style)]).joined(separator: "\n\n")
  }

  // MARK: - Introduction

  public func introText(style: Styler = Walkthrough.plain) -> String {
    let s = scenario
    let a = s.framework.agreement
    var out: [String] = [style(s.name, .title)]
    let orders = s.events.filter { if case .order = $0.action { true } else { false } }.count
    let expects = s.events.filter { if case .expect = $0.action { true } else { false } }.count
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    out.append("  scenario  \(s.file)")
    out += Self.hanging(
      "\(s.start) to \(s.end): \(count(s.events.count, "event")) (\(count(orders, "order")), \(count(expects, "expectation")))"
        + (generatedEvents > 0 ? ", and \(count(generatedEvents, "event")) from generators with seed \(s.seed)" : ""),
      indent: "  period    ", continuation: "            ")
    let paragraphs = (s.description ?? "").split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
    if !paragraphs.isEmpty {
      out.append("")
      for paragraph in paragraphs {
        out += Self.wrap(String(paragraph), width: Self.width - 2).map { "  " + $0 }
      }
    }
    out.append("")
    let signed = a.signed.map { ", signed \(Narrator.date($0))" } ?? ""
    out.append(style("The agreement \(a.id)\(signed), in force from \(Narrator.date(a.inForce))", .heading))
    let nameWidth = s.framework.partyIDs.map(\.count).max() ?? 2
    for p in s.framework.parties {
      out.append("  \(Self.pad(p.id, nameWidth))  \(p.name), paying in \(p.currency.code), fiscal year from \(p.fiscalYearStart)")
    }
    let covered = ActivityType.allCases.filter { a.activities.contains($0) }.map(\.rawValue)
    let uncovered = ActivityType.allCases.filter { !a.activities.contains($0) }.map(\.rawValue)
    let categories = Category.allCases.filter { $0 != .weapons }
    let inCategories = categories.filter { a.categories.contains($0) }
    let outCategories = categories.filter { !a.categories.contains($0) }.map(\.rawValue)
    let categoryText =
      outCategories.isEmpty
      ? "all \(categories.count) categories of supplies and services"
      : inCategories.count * 2 >= categories.count
        ? "\(inCategories.count) of the \(categories.count) categories, all but \(Self.list(outCategories, "and"))"
        : "\(inCategories.count) of the \(categories.count) categories: \(Self.list(inCategories.map(\.rawValue), "and"))"
    var settings: [(String, WalkthroughRole?)] = []
    settings.append(
      (
        "Covered: \(Self.list(covered, "and")) activities"
          + (uncovered.isEmpty ? "" : " (not \(Self.list(uncovered, "or")))") + "; \(categoryText); weapons never are.", nil
      ))
    settings.append(
      a.taxExempt
        ? ("Tax: supplies and services provided under the agreement are tax-free (tax_exempt: true).", nil)
        : ("Tax: provision under this agreement is not tax-exempt (tax_exempt: false).", nil))
    settings.append(("Source: " + Rulebook.taxExemptionOrigin.text, .note))
    let billing =
      a.billing == .auto
      ? "cash deliveries are invoiced on delivery (billing: auto)" : "cash is invoiced only by invoice events (billing: manual)"
    let deadline =
      a.deadlinePolicy == .convert
      ? "What is left in kind or in equal value once the deadline has passed becomes a cash claim the next day (deadline_policy: convert)."
      : "What is left once the deadline has passed stays owed, and the audit reports it overdue (deadline_policy: flag)."
    settings.append(
      (
        "Settlement: within \(a.settlement) of delivery, the 12-month rule. Cash is due \(a.paymentDays) days after its invoice; \(billing). \(deadline) Offsets are \(a.offsetAllowed ? "allowed" : "not allowed") (offset: \(a.offsetAllowed)).",
        nil
      ))
    // Format 1.4's settings, where the scenario uses them.
    var extra: [String] = []
    if a.claimDays != a.paymentDays { extra.append("a claim is recorded within \(a.claimDays) days of delivery (claim_days)") }
    if a.paymentCurrency == .either {
      extra.append("cash may be paid in either party's currency, converted at the day's rate (payment_currency: either)")
    }
    for (category, types) in a.categoryActivities.sorted(by: { $0.key < $1.key }) {
      let names = ActivityType.allCases.filter(types.contains).map(\.rawValue)
      extra.append("\(category.rawValue) only for \(Self.list(names, "and")) activities (category_activities)")
    }
    if let years = a.termYears, let end = a.termEnd {
      extra.append("orders until \(Narrator.date(end)), the end of its \(years)-year term (term_years)")
    }
    if let terminated = a.terminated { extra.append("terminated on \(Narrator.date(terminated)): no order from that day") }
    if !a.requiredOrderFields.isEmpty {
      extra.append("every order records \(Self.list(a.requiredOrderFields.map(\.rawValue), "and")) (required_order_fields)")
    }
    if !extra.isEmpty { settings.append(("Also: " + extra.joined(separator: "; ") + ".", nil)) }
    for p in s.framework.parties where !p.signatories.isEmpty {
      let names = p.signatories.map { x in "\(x.name) (\(x.id)\(x.limit.map { ", up to \($0.formatted)" } ?? ", no limit"))" }
      settings.append(("Signatories of \(p.id): \(Self.list(names, "and")).", nil))
    }
    for (text, role) in settings {
      out += Self.hanging(text, indent: "  ", continuation: "    ").map { line in role.map { style(line, $0) } ?? line }
    }
    out.append("")
    out += Self.wrap(
      "How to read this: each day lists the deadline conversions, then the events in file order, what each book shows owed at the end of the day, the checks (`expect`) and what an auditor would now flag. A refused event changes nothing in either book. Each rule says whose it is: the agreement's, as the sources report it (S1 to S30, listed in docs/sources.md), or a choice of the scenario or of acsa; `acsa glossary` explains the terms.",
      width: Self.width)
    return out.joined(separator: "\n")
  }

  // MARK: - Days

  /// The width of the second column: order ids, event ids.
  var referenceWidth: Int {
    min(max(days.flatMap(\.steps).map { reference($0).count }.max() ?? 7, 7), 16)
  }

  static let markerWidth = 8

  func marker(_ step: Step) -> (String, WalkthroughRole) {
    switch step.kind {
    case .applied: (step.action ?? "event", .applied)
    case .refused: ("REFUSED", .refused)
    case .deadline: ("deadline", .deadline)
    case .expectationPassed: ("check", .passed)
    case .expectationFailed: ("FAILED", .failed)
    case .finding: ("finding", .finding)
    case .findingCleared: ("cleared", .cleared)
    }
  }

  func reference(_ step: Step) -> String {
    switch step.kind {
    case .expectationPassed, .expectationFailed: step.eventID ?? step.line.map { "line \($0)" } ?? "-"
    default: step.order ?? "-"
    }
  }

  public func dayText(_ day: DayReport, style: Styler = Walkthrough.plain) -> String {
    var out = [style(Narrator.longDate(day.date), .heading)]
    let events = day.steps.filter { [.applied, .refused, .deadline].contains($0.kind) }
    let checks = day.steps.filter { [.expectationPassed, .expectationFailed].contains($0.kind) }
    let findings = day.steps.filter { [.finding, .findingCleared].contains($0.kind) }
    for step in events { out += lines(step, style: style) }
    if let rows = day.balances {
      out += balanceLines(rows, header: "Owed at the end of the day", agree: day.booksAgree, indent: "  ")
    }
    for step in checks + findings { out += lines(step, style: style) }
    return out.joined(separator: "\n")
  }

  func lines(_ step: Step, style: Styler) -> [String] {
    let (word, role) = marker(step)
    let ref = reference(step)
    let refWidth = referenceWidth
    let indent = String(repeating: " ", count: 2 + Self.markerWidth + 2 + refWidth + 2)
    var out: [String] = []
    var body: [(String, WalkthroughRole?)] = []
    switch step.kind {
    case .refused:
      body.append((step.text, nil))
      let place = [step.eventID, step.line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ", ")
      body.append(("\(step.code ?? "?")\(place.isEmpty ? "" : " (\(place))"): \(step.detail ?? "")", nil))
    case .finding:
      let books = step.books.count == 1 ? "\(step.books[0])'s book" : "\(step.books.joined(separator: " and ")) books"
      body.append(("\(step.code ?? "?") (\(books)): \(step.text)", nil))
    case .findingCleared:
      body.append(("\(step.code ?? "?"): \(step.text)", nil))
    case .expectationFailed:
      body.append((step.text, nil))
      body.append((step.detail ?? "", .failed))
    default:
      body.append((step.text, nil))
    }
    if let rule = step.rule { body.append(("Rule: " + rule, .note)) }
    if let source = step.source { body.append(("Source: " + source, .note)) }
    let width = Self.width - indent.count
    // A reference longer than its column pushes the first line right: that line is shorter.
    let overflow = max(ref.count - refWidth, 0)
    for (i, (text, textRole)) in body.enumerated() {
      for (j, line) in Self.wrap(text, width: width, first: i == 0 ? width - overflow : width).enumerated() {
        var styled = textRole.map { style(line, $0) } ?? line
        // The code at the head of a refusal's reason or of a finding stands out.
        if j == 0, textRole == nil, i == (step.kind == .refused ? 1 : 0), let code = step.code,
          line.hasPrefix(code + " ") || line.hasPrefix(code + ":")
        {
          styled = style(code, .code) + line.dropFirst(code.count)
        }
        if i == 0 && j == 0 {
          let head = style(word, role) + String(repeating: " ", count: max(Self.markerWidth - word.count, 0))
          out.append("  " + head + "  " + Self.pad(ref, refWidth) + "  " + styled)
        } else {
          out.append(indent + styled)
        }
      }
    }
    return out
  }

  /// What each book shows owed, both ways: one block when the books agree, one per book
  /// otherwise.
  func balanceLines(_ rows: [BalanceRow], header: String, agree: Bool, indent: String) -> [String] {
    let fw = scenario.framework
    let narrator = Narrator(framework: fw, books: result.books)
    let parties = fw.partyIDs
    var table: [[String]] = []
    for book in agree ? [parties[0]] : parties {
      for debtor in parties {
        let creditor = fw.other(debtor)
        let mine = rows.filter { $0.book == book && $0.debtor == debtor }
        let prefix = agree ? [] : ["\(book) book"]
        if mine.isEmpty {
          table.append(prefix + ["\(debtor) owes \(creditor)", "nothing", ""])
        }
        for row in mine {
          let amount: String
          if row.kind == ObligationKind.inKind.rawValue {
            amount = narrator.quantity(Quantity(milli: row.units), row.commodity)
          } else {
            amount = row.formattedAmount
          }
          table.append(prefix + ["\(debtor) owes \(creditor)", row.kind.split(separator: "_").joined(separator: " "), amount])
        }
      }
    }
    var out = [indent + header + (agree ? ", in both books:" : "; the two books differ:")]
    let columns = table.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in table {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    for row in table {
      var line = indent + "  "
      for (i, cell) in row.enumerated() { line += i == row.count - 1 ? cell : Self.pad(cell, widths[i]) + "  " }
      while line.hasSuffix(" ") { line.removeLast() }
      out.append(line)
    }
    return out
  }

  // MARK: - Summary

  public func summaryText(style: Styler = Walkthrough.plain) -> String {
    let r = result
    var out = [style("At the end of \(Narrator.date(scenario.end))", .heading)]
    let failed = r.failedExpectations.count
    let conversions =
      r.systemEvents == 0 ? "" : "; \(r.systemEvents) deadline conversion\(r.systemEvents == 1 ? "" : "s") (counted per book)"
    out += Self.hanging("Events: \(r.applied) applied, \(r.refusals.count) refused\(conversions).", indent: "  ", continuation: "    ")
    out.append("  Checks (`expect`): \(r.expectations.count - failed) passed, \(failed) failed.")
    let agree = DayReport(date: scenario.end, steps: [], balances: balancesAtEnd).booksAgree
    out += balanceLines(balancesAtEnd, header: "Owed", agree: agree, indent: "  ")
    if findingsAtEnd.isEmpty {
      out.append("  An auditor would report no finding as of \(scenario.end).")
    } else {
      out.append("  Findings an auditor would report as of \(scenario.end):")
      let codeWidth = findingsAtEnd.map(\.code.rawValue.count).max() ?? 0
      let orderWidth = findingsAtEnd.map(\.order.count).max() ?? 0
      let indent = String(repeating: " ", count: 4 + codeWidth + 2 + orderWidth + 2)
      for f in findingsAtEnd {
        let lines = Self.wrap(f.message, width: Self.width - indent.count)
        for (i, line) in lines.enumerated() {
          out.append(
            i == 0
              ? "    " + style(f.code.rawValue, .code) + String(repeating: " ", count: codeWidth - f.code.rawValue.count) + "  "
                + Self.pad(f.order, orderWidth) + "  " + line
              : indent + line)
        }
      }
    }
    return out.joined(separator: "\n")
  }

  // MARK: - Text helpers

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }

  static func list(_ parts: [String], _ conjunction: String) -> String {
    switch parts.count {
    case 0: return "none"
    case 1: return parts[0]
    default: return parts.dropLast().joined(separator: ", ") + " \(conjunction) " + parts.last!
    }
  }

  /// Greedy word wrap; a word longer than the width stands alone on its line. `first`
  /// is the width of the first line (default: `width`).
  static func wrap(_ text: String, width: Int, first: Int? = nil) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= (lines.isEmpty ? first ?? width : width) {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// A paragraph with a first-line indent and a deeper one for the lines that follow.
  static func hanging(_ text: String, indent: String, continuation: String) -> [String] {
    let lines = wrap(text, width: width - continuation.count, first: width - indent.count)
    return lines.enumerated().map { ($0.offset == 0 ? indent : continuation) + $0.element }
  }
}
