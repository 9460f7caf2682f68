import Foundation

/// A signed-in browser: its account and the CSRF token every form and API call of the
/// session carries.
public struct Session: Sendable {
  public let account: Account
  public let csrf: String
  var lastSeen: Date
}

/// The sessions of the running server, by the random token of their cookie (kept in
/// memory: a restart signs everyone out). A session idle for `idleLimit` ends.
actor Sessions {
  private var sessions: [String: Session] = [:]
  let idleLimit: TimeInterval

  init(idleLimit: TimeInterval = 12 * 3600) { self.idleLimit = idleLimit }

  /// A new session: its cookie token and the session.
  func open(_ account: Account) -> (token: String, session: Session) {
    let now = Date()
    sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < idleLimit }
    let token = Secrets.token()
    let session = Session(account: account, csrf: Secrets.token(), lastSeen: now)
    sessions[token] = session
    return (token, session)
  }

  func find(_ token: String) -> Session? {
    guard var session = sessions[token] else { return nil }
    let now = Date()
    guard now.timeIntervalSince(session.lastSeen) < idleLimit else {
      sessions[token] = nil
      return nil
    }
    session.lastSeen = now
    sessions[token] = session
    return session
  }

  func close(_ token: String) { sessions[token] = nil }
}

/// Login attempts, limited: after `limit` failures within `window` for one account
/// name, or from one address, further attempts are refused until the window has
/// passed (429, with when to retry). A success clears the name's failures.
actor LoginLimiter {
  let limit: Int
  let window: TimeInterval
  private var failures: [String: [Date]] = [:]

  init(limit: Int = 5, window: TimeInterval = 300) {
    self.limit = limit
    self.window = window
  }

  /// Seconds to wait before another attempt with these keys, or nil.
  func wait(_ keys: [String], now: Date = Date()) -> Int? {
    var longest: TimeInterval = 0
    for key in keys {
      let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
      failures[key] = recent.isEmpty ? nil : recent
      if recent.count >= limit, let first = recent.first { longest = max(longest, window - now.timeIntervalSince(first)) }
    }
    return longest > 0 ? max(1, Int(longest.rounded(.up))) : nil
  }

  func failed(_ keys: [String], now: Date = Date()) {
    for key in keys { failures[key, default: []].append(now) }
  }

  func succeeded(_ key: String) { failures[key] = nil }
}
