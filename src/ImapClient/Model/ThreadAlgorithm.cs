namespace ImapClient;

/// <summary>How THREAD groups messages (RFC 5256 section 3). The server must offer <c>THREAD=</c> the algorithm.</summary>
public enum ThreadAlgorithm
{
    /// <summary>ORDEREDSUBJECT: by base subject, each thread ordered by date; one level deep.</summary>
    OrderedSubject,

    /// <summary>REFERENCES: by the Message-ID, In-Reply-To and References headers, as a tree.</summary>
    References,

    /// <summary>REFS: REFERENCES ordered by the newest message of each thread (a draft algorithm some servers, Dovecot among them, offer).</summary>
    Refs,
}
