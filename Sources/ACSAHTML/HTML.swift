/// Escaping for everything a report prints: every string that comes from a ledger or a
/// scenario (names, ids, messages) goes through `HTML.text` before it enters the page.
public enum HTML {
  /// Text or an attribute value (in double quotes), with `& < > " '` escaped. Control
  /// characters other than tab and line ends, which HTML does not allow, become U+FFFD.
  public static func text(_ s: String) -> String {
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

  /// Running text (a description, a message, a rule): escaped as `text`, with each
  /// pair of backticks (`acsa verify`, `offset: false`) shown as code rather than printed.
  public static func prose(_ s: String) -> String {
    let parts = s.split(separator: "`", omittingEmptySubsequences: false)
    // An odd number of parts: every backtick has its pair.
    guard parts.count > 1, parts.count % 2 == 1 else { return text(s) }
    return parts.enumerated().map { i, part in i % 2 == 1 ? code(String(part)) : text(String(part)) }.joined()
  }

  /// An identifier or a code, in the monospace font.
  public static func code(_ s: String) -> String { "<span class=\"code\">\(text(s))</span>" }

  /// A table row of cells already escaped (`th` for a header row).
  static func row(_ cells: [String], header: Bool = false, classes: [String?] = []) -> String {
    let tag = header ? "th" : "td"
    let inner: String = cells.enumerated().map { i, cell -> String in
      let cls = i < classes.count ? classes[i].map { " class=\"\($0)\"" } ?? "" : ""
      return "<\(tag)\(cls)>\(cell)</\(tag)>"
    }.joined()
    return "<tr>\(inner)</tr>"
  }

  /// A table built row by row: plain-text headers (escaped here), cells already escaped,
  /// a class per column (`num` right-aligns) that a row can override.
  struct Table {
    let headers: [String]
    var cls: String? = nil
    var columns: [String?] = []
    private var rows: [String] = []

    init(_ headers: [String], cls: String? = nil, columns: [String?] = []) {
      self.headers = headers
      self.cls = cls
      self.columns = columns
    }

    var isEmpty: Bool { rows.isEmpty }

    mutating func add(_ cells: [String], classes: [String?]? = nil) {
      rows.append(HTML.row(cells, classes: classes ?? columns))
    }

    var html: String {
      let open = cls.map { "<table class=\"\($0)\">" } ?? "<table>"
      let head = HTML.row(headers.map(HTML.text), header: true)
      return "\(open)\n<thead>\(head)</thead>\n<tbody>\n" + rows.map { $0 + "\n" }.joined() + "</tbody>\n</table>\n"
    }
  }
}
