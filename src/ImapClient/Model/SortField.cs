namespace ImapClient;

/// <summary>What SORT orders messages by (RFC 5256 section 3; DISPLAYFROM and DISPLAYTO from RFC 5957).</summary>
public enum SortField
{
    /// <summary>ARRIVAL: the internal date and time.</summary>
    Arrival,

    /// <summary>CC: the first Cc address's mailbox (local part).</summary>
    Cc,

    /// <summary>DATE: the Date header (the internal date when it is missing or invalid).</summary>
    Date,

    /// <summary>FROM: the first From address's mailbox (local part).</summary>
    From,

    /// <summary>SIZE: RFC822.SIZE.</summary>
    Size,

    /// <summary>SUBJECT: the base subject, with Re:, Fwd: and list tags removed.</summary>
    Subject,

    /// <summary>TO: the first To address's mailbox (local part).</summary>
    To,

    /// <summary>DISPLAYFROM: the first From address's display name, else its address. Needs SORT=DISPLAY.</summary>
    DisplayFrom,

    /// <summary>DISPLAYTO: the first To address's display name, else its address. Needs SORT=DISPLAY.</summary>
    DisplayTo,
}
