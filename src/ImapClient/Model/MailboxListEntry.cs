namespace ImapClient;

/// <summary>One mailbox from LIST or LSUB: its name, hierarchy delimiter, attributes and any extended data.</summary>
public sealed class MailboxListEntry
{
    // A LIST can name thousands of mailboxes and few carry more than name, delimiter and attributes: the rest lives
    // in a second object made only when present, which keeps every entry at five words.
    private MailboxListExtras? _extras;

    internal MailboxListEntry(string name, char? delimiter, MailboxAttributes attributes, IReadOnlyList<string> otherAttributes)
    {
        Name = name;
        Delimiter = delimiter;
        Attributes = attributes;
        if (otherAttributes.Count > 0)
        {
            Extras.OtherAttributes = otherAttributes;
        }
    }

    /// <summary>The mailbox name as an ordinary string, decoded from the wire form (modified UTF-7).</summary>
    public string Name { get; }

    /// <summary>The hierarchy delimiter, or null when the server has no hierarchy (a flat name space).</summary>
    public char? Delimiter { get; }

    /// <summary>The attributes this library knows.</summary>
    public MailboxAttributes Attributes { get; }

    /// <summary>Attributes this library does not know, as the server sent them (e.g. <c>\X-Custom</c>); usually empty.</summary>
    public IReadOnlyList<string> OtherAttributes => _extras?.OtherAttributes ?? [];

    /// <summary>The special-use attributes alone (RFC 6154), or <see cref="MailboxAttributes.None"/>.</summary>
    public MailboxAttributes SpecialUse => Attributes & MailboxAttributes.SpecialUse;

    /// <summary>False for <c>\Noselect</c> and <c>\NonExistent</c> names, which cannot be selected.</summary>
    public bool IsSelectable => (Attributes & (MailboxAttributes.NoSelect | MailboxAttributes.NonExistent)) == 0;

    /// <summary>
    /// CHILDINFO extended data (RFC 5258): why a name that does not match the selection is listed, e.g.
    /// <c>SUBSCRIBED</c> when it has subscribed children. Empty when the server sent none.
    /// </summary>
    public IReadOnlyList<string> ChildInfo
    {
        get => _extras?.ChildInfo ?? [];
        internal init
        {
            if (value.Count > 0)
            {
                Extras.ChildInfo = value;
            }
        }
    }

    /// <summary>OLDNAME extended data (RFC 9051): the name the mailbox had before a RENAME, or null.</summary>
    public string? OldName
    {
        get => _extras?.OldName;
        internal init
        {
            if (value is not null)
            {
                Extras.OldName = value;
            }
        }
    }

    /// <summary>The mailbox's status, when it was asked for with the LIST (RFC 5819 LIST-STATUS); otherwise null.</summary>
    public MailboxStatus? Status
    {
        get => _extras?.Status;
        internal set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Status = value;
            }
        }
    }

    private MailboxListExtras Extras => _extras ??= new MailboxListExtras();

    /// <summary>The name, delimiter and attributes, for diagnostics.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Name} ({Attributes}) '{Delimiter}'";
}
