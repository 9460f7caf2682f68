/// Escaping for everything a report prints: every string that comes from a ledger or a
/// scenario (names, ids, messages) goes through `HTML.text` before it enters the page.
enum HTML {
  /// Text or an attribute value (in double quotes), with `& < > " '` escaped. Control
  /// characters other than tab and line ends, which HTML does not allow, become U+FFFD.
  static func text(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A table row of cells already escaped (`th` for a header row).
  static func row(_ cells: [String], header: Bool = false, classes: [String?] = []) -> String {
    let tag = header ? "th" : "td"
    let inner: String = cells.enumerated().map { i, cell -> String in
      let cls = i < classes.count ? classes[i].map { " class=\"\($0)\"" } ?? "" : ""
      return "<\(tag)\(cls)>\(cell)</\(tag)>"
    }.joined()
    return "<tr>\(inner)</tr>"
  }
}

/// Coordinates in SVG, written with at most one decimal so that pages stay small and
/// identical from run to run.
enum SVGNumber {
  static func text(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e9 else { return "0" }
    let tenths = (value * 10).rounded()
    if tenths.truncatingRemainder(dividingBy: 10) == 0 { return String(Int(tenths / 10)) }
    return String(tenths / 10)
  }
}
