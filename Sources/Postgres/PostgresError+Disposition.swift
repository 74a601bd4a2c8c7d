extension PostgresError {
    /// How a failure is answered, decided here once for every caller.
    public enum Disposition: Sendable, Equatable {
        /// The database cannot answer now (connection lost or refused, deadline, pool or
        /// resources exhausted, cancelled, lock wait, shutdown, read-only standby): 503 with
        /// `Retry-After`. Nothing was committed.
        case unavailable
        /// A serialisation failure or deadlock: the whole transaction may run again.
        case retryTransaction
        /// The connection failed after `COMMIT` was sent: the outcome is unknown (503).
        case commitInDoubt
        /// A value the database cannot hold (NUL in text or JSON): the request is at fault (422).
        case invalidParameter
        /// A unique or exclusion constraint refused the row (409 unless a named refusal applies).
        case conflict
        /// Anything else is a defect of the service (500).
        case defect
    }

    /// The disposition of this failure.
    public var disposition: Disposition {
        switch kind {
        case .connectionFailed, .connectionLost, .timeout, .poolTimeout, .shutdown, .protocolViolation,
            .commitRolledBack:
            return .unavailable
        case .commitInDoubt:
            return .commitInDoubt
        case .invalidParameter:
            return .invalidParameter
        case .server:
            guard let sqlState else { return .unavailable }
            if sqlState.isTransient { return .retryTransaction }
            if sqlState == .uniqueViolation || sqlState == .exclusionViolation { return .conflict }
            if sqlState == .untranslatableCharacter { return .invalidParameter }
            return sqlState.meansUnavailable ? .unavailable : .defect
        default:
            return .defect
        }
    }
}

extension SQLState {
    /// Whether the code says the server cannot do the work now, not that the work is wrong:
    /// class 08 (connection), 53 (insufficient resources), 57 (operator intervention: cancel,
    /// shutdown, crash recovery), 58 (system error), a lock wait that timed out (55P03), a
    /// write on a read-only standby (25006) and an idle transaction ended by the server (25P03).
    public var meansUnavailable: Bool {
        let unavailableClasses: Set<Substring> = ["08", "53", "57", "58"]
        if unavailableClasses.contains(rawValue.prefix(2)) { return true }
        return self == .lockNotAvailable || self == .readOnlyTransaction || self == .idleInTransactionTimeout
    }
}
