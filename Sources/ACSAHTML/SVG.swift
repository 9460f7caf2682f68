/// The few SVG elements the charts draw, with coordinates written with at most one
/// decimal so that pages stay small and identical from run to run. Text content is
/// escaped here; colours and classes are the charts' own constants.
enum SVG {
  static func number(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e9 else { return "0" }
    let tenths = (value * 10).rounded()
    if tenths.truncatingRemainder(dividingBy: 10) == 0 { return String(Int(tenths / 10)) }
    return String(tenths / 10)
  }

  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ colour: String, width: Double = 1, dashed: Bool = false)
    -> String
  {
    let dash = dashed ? " stroke-dasharray=\"9 5\"" : ""
    return "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(colour)\""
      + " stroke-width=\"\(number(width))\"\(dash)/>"
  }

  /// A filled rectangle, with an optional class and tooltip.
  static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: String, cls: String? = nil, tooltip: String? = nil)
    -> String
  {
    let c = cls.map { " class=\"\($0)\"" } ?? ""
    let open = "<rect\(c) x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(w))\" height=\"\(number(h))\" fill=\"\(fill)\""
    guard let tooltip else { return open + "/>" }
    return open + "><title>\(HTML.text(tooltip))</title></rect>"
  }

  enum Anchor: String {
    case start, middle, end
  }

  static func text(_ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start, cls: String? = nil) -> String {
    let c = cls.map { " class=\"\($0)\"" } ?? ""
    let a = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
    return "<text\(c) x=\"\(number(x))\" y=\"\(number(y))\"\(a)>\(HTML.text(content))</text>"
  }

  /// An axis title, written upwards and centred on (x, y).
  static func verticalText(_ x: Double, _ y: Double, _ content: String, cls: String) -> String {
    "<text class=\"\(cls)\" transform=\"translate(\(number(x)) \(number(y))) rotate(-90)\" text-anchor=\"middle\">\(HTML.text(content))</text>"
  }

  /// The opening tag of a chart, with its accessible title.
  static func open(width: Double, height: Double, id: String, title: String) -> String {
    "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-labelledby=\"\(id)-t\">"
      + "<title id=\"\(id)-t\">\(HTML.text(title))</title>"
  }
}
