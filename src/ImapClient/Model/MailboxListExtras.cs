namespace ImapClient;

/// <summary>The rarely present parts of a <see cref="MailboxListEntry"/>: unknown attributes, extended data, STATUS.</summary>
internal sealed class MailboxListExtras
{
    public IReadOnlyList<string>? OtherAttributes { get; set; }

    public IReadOnlyList<string>? ChildInfo { get; set; }

    public string? OldName { get; set; }

    public MailboxStatus? Status { get; set; }
}
