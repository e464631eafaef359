namespace ImapClient;

/// <summary>
/// An extended LIST (RFC 5258): reference, one or more patterns, selection and return options, and the status items
/// to return with each mailbox (RFC 5819). Options the server does not advertise make the call fail with
/// <see cref="NotSupportedException"/> before anything is sent.
/// </summary>
public sealed class ListRequest
{
    /// <summary>The reference name the patterns are relative to; usually empty.</summary>
    public string Reference { get; init; } = "";

    /// <summary>
    /// The patterns, as ordinary strings: <c>*</c> matches anything, <c>%</c> anything but the hierarchy delimiter.
    /// More than one needs LIST-EXTENDED. Default: <c>*</c>, every mailbox.
    /// </summary>
    public IReadOnlyList<string> Patterns { get; init; } = ["*"];

    /// <summary>Which mailboxes to select.</summary>
    public ListSelectionOptions Selection { get; init; }

    /// <summary>What to report about each.</summary>
    public ListReturnOptions Return { get; init; }

    /// <summary>The status items to return with each selectable mailbox (LIST-STATUS), in <see cref="MailboxListEntry.Status"/>.</summary>
    public StatusItems Status { get; init; }
}
