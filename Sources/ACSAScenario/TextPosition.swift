/// A position in the scenario text: 1-based line and column, columns counted in Unicode
/// scalars as libyaml counts them. (0, 0) when unknown.
struct TextPosition: Hashable, Comparable {
  let line: Int
  let column: Int

  init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  init(_ mark: Mark?) {
    line = mark?.line ?? 0
    column = mark?.column ?? 0
  }

  /// The line and column of a byte offset in UTF-8 text, counted as libyaml counts them:
  /// columns in Unicode scalars, a leading byte order mark not counted, CR LF one break.
  /// Bytes that are not valid UTF-8 count one column each.
  init(byteOffset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
    var line = 1
    var column = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let end = min(byteOffset, bytes.count)
    while i < end {
      let b = bytes[i]
      var width = 1
      if b >= 0xF0 { width = 4 } else if b >= 0xE0 { width = 3 } else if b >= 0xC0 { width = 2 }
      let next2 = i + 2 < bytes.count ? (bytes[i + 1], bytes[i + 2]) : (0, 0)
      if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A))
        || (b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0x85)
        || (b == 0xE2 && next2.0 == 0x80 && (next2.1 == 0xA8 || next2.1 == 0xA9))
      {
        line += 1
        column = 1
      } else if b != 0x0D {
        column += 1
      }
      i += b == 0x0D ? 1 : width
    }
    self.init(line: line, column: column)
  }

  static func < (a: TextPosition, b: TextPosition) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}
