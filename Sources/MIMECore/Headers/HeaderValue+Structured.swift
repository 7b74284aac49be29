extension HeaderValue {
    /// Unfolds a raw value and parses it as an address list (From, To, Cc, Reply-To...);
    /// see `Address.parseList`.
    public static func addresses(
        _ raw: [UInt8], transcoder: (any CharsetTranscoder)? = nil, baseOffset: Int = 0, defects: inout [Defect]
    ) -> [Address] {
        Address.parseList(unfold(raw), transcoder: transcoder, baseOffset: baseOffset, defects: &defects)
    }

    /// Unfolds a raw value and parses it as a date (Date, Resent-Date); see `DateTime.parse`.
    public static func date(_ raw: [UInt8], baseOffset: Int = 0, defects: inout [Defect]) -> DateTime? {
        DateTime.parse(unfold(raw), baseOffset: baseOffset, defects: &defects)
    }

    /// Unfolds a raw value and parses it as message ids (Message-ID, In-Reply-To, References,
    /// Content-ID); see `MessageID.parseList`.
    public static func messageIDs(_ raw: [UInt8], baseOffset: Int = 0, defects: inout [Defect]) -> [MessageID] {
        MessageID.parseList(unfold(raw), baseOffset: baseOffset, defects: &defects)
    }

    /// Unfolds a raw value and parses it as a Received field; see `Received.parse`.
    public static func received(_ raw: [UInt8], baseOffset: Int = 0, defects: inout [Defect]) -> Received {
        Received.parse(unfold(raw), baseOffset: baseOffset, defects: &defects)
    }

    /// Unfolds a raw value and parses it as Authentication-Results; see
    /// `AuthenticationResults.parse`.
    public static func authenticationResults(_ raw: [UInt8], baseOffset: Int = 0, defects: inout [Defect])
        -> AuthenticationResults
    {
        AuthenticationResults.parse(unfold(raw), baseOffset: baseOffset, defects: &defects)
    }
}
