/// The colours of the charts. Each is used for one thing only on the page, so that a
/// screenshot can be read back (the browser test finds the plot areas by their
/// backgrounds and the series by their colours).
public enum ChartPalette {
  /// The first party's debts to the second (JP owes PH), then the second's to the first.
  public static let directions = ["#c2410c", "#1d4ed8"]
  /// The plot area of a balance chart.
  public static let balancePlot = "#f2f6fa"
  /// The plot area of the aging chart.
  public static let agingPlot = "#faf5ec"
  static let grid = "#d9e0e7"
  static let axis = "#3b4450"

  /// A colour as (red, green, blue), for tests that read pixels back.
  public static func rgb(_ hex: String) -> (Int, Int, Int) {
    let digits = hex.dropFirst()
    let value = Int(digits, radix: 16) ?? 0
    return ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
  }
}
