namespace ImapClient.Protocol;

/// <summary>
/// The mailbox names this thread decoded lately, by their wire form: an application lists the same mailboxes again
/// and again, and a LIST of thousands then reuses each name instead of making (and keeping until the command ends) a
/// new string for it. Per thread, so no lock; bounded, so a server with ever new names cannot grow it without end.
/// </summary>
internal sealed class RecentMailboxNames
{
    private const int MaxNames = 8192;

    [ThreadStatic]
    private static RecentMailboxNames? t_modifiedUtf7;

    [ThreadStatic]
    private static RecentMailboxNames? t_utf8;

    private readonly Dictionary<string, string> _byWire = new(StringComparer.Ordinal);

    /// <summary>This thread's names for one way of writing them (modified UTF-7, or UTF-8 once agreed).</summary>
    public static RecentMailboxNames ForCurrentThread(bool utf8) =>
        utf8 ? t_utf8 ??= new RecentMailboxNames() : t_modifiedUtf7 ??= new RecentMailboxNames();

    /// <summary>The decoded name for this wire form (ASCII, already in characters), decoding it only when not seen lately.</summary>
    public string Get(ReadOnlySpan<char> wire, bool utf8)
    {
        if (_byWire.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(wire, out var name))
        {
            return name;
        }

        name = MailboxName.FromWire(wire, utf8);
        if (_byWire.Count == MaxNames)
        {
            _byWire.Clear();
        }

        // A plain name is its own key; an encoded one keeps its wire form as the key.
        _byWire.Add(wire.SequenceEqual(name) ? name : new string(wire), name);
        return name;
    }
}
