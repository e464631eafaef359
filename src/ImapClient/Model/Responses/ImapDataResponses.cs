namespace ImapClient;

/// <summary><c>* CAPABILITY …</c>.</summary>
public sealed class ImapCapabilityResponse : ImapResponse
{
    internal ImapCapabilityResponse(ImapCapabilities capabilities) => Capabilities = capabilities;

    /// <summary>The capabilities listed.</summary>
    public ImapCapabilities Capabilities { get; }
}

/// <summary><c>* FLAGS (…)</c>: the flags defined in the selected mailbox.</summary>
public sealed class ImapFlagsResponse : ImapResponse
{
    internal ImapFlagsResponse(MessageFlags flags) => Flags = flags;

    /// <summary>The flags.</summary>
    public MessageFlags Flags { get; }
}

/// <summary><c>* n EXISTS</c>: the number of messages in the selected mailbox.</summary>
public sealed class ImapExistsResponse : ImapResponse
{
    internal ImapExistsResponse(uint count) => Count = count;

    /// <summary>The number of messages.</summary>
    public uint Count { get; }
}

/// <summary><c>* n RECENT</c>: the number of messages with <c>\Recent</c>.</summary>
public sealed class ImapRecentResponse : ImapResponse
{
    internal ImapRecentResponse(uint count) => Count = count;

    /// <summary>The number of recent messages.</summary>
    public uint Count { get; }
}

/// <summary><c>* n EXPUNGE</c>: message n was removed; later messages move down by one.</summary>
public sealed class ImapExpungeResponse : ImapResponse
{
    internal ImapExpungeResponse(uint sequenceNumber) => SequenceNumber = sequenceNumber;

    /// <summary>The sequence number of the removed message.</summary>
    public uint SequenceNumber { get; }
}

/// <summary><c>* n FETCH (…)</c>: data about one message.</summary>
public sealed class ImapFetchResponse : ImapResponse
{
    internal ImapFetchResponse(FetchedMessage message) => Message = message;

    /// <summary>The message data.</summary>
    public FetchedMessage Message { get; }
}

/// <summary><c>* LIST (…) "/" name</c> or <c>* LSUB …</c>.</summary>
public sealed class ImapListResponse : ImapResponse
{
    internal ImapListResponse(bool isLsub, MailboxListEntry mailbox)
    {
        IsLsub = isLsub;
        Mailbox = mailbox;
    }

    /// <summary>True for LSUB, false for LIST.</summary>
    public bool IsLsub { get; }

    /// <summary>The mailbox: its decoded name, delimiter, attributes and extended data.</summary>
    public MailboxListEntry Mailbox { get; }
}

/// <summary><c>* STATUS name (…)</c>.</summary>
public sealed class ImapMailboxStatusResponse : ImapResponse
{
    internal ImapMailboxStatusResponse(MailboxStatus status) => Status = status;

    /// <summary>The items the server reported, with the decoded mailbox name.</summary>
    public MailboxStatus Status { get; }
}

/// <summary><c>* NAMESPACE personal other-users shared</c> (RFC 2342).</summary>
public sealed class ImapNamespaceResponse : ImapResponse
{
    internal ImapNamespaceResponse(MailboxNamespaces namespaces) => Namespaces = namespaces;

    /// <summary>The namespaces, with decoded prefixes.</summary>
    public MailboxNamespaces Namespaces { get; }
}

/// <summary>An untagged response this library does not interpret (kept, never rejected).</summary>
public sealed class ImapUnknownResponse : ImapResponse
{
    internal ImapUnknownResponse(string keyword, string text)
    {
        Keyword = keyword;
        Text = text;
    }

    /// <summary>The response's keyword in upper case (for <c>* 3 FOO</c>, <c>FOO</c>).</summary>
    public string Keyword { get; }

    /// <summary>The whole response line after <c>* </c>, as text (literals inline).</summary>
    public string Text { get; }
}

/// <summary>
/// <c>* VANISHED [(EARLIER)] uids</c> (RFC 7162 QRESYNC): messages removed, named by UID. Without EARLIER they were
/// just expunged (and replace EXPUNGE responses); with it, the server reports removals from before (a QRESYNC SELECT
/// or a UID FETCH with VANISHED), which change nothing now.
/// </summary>
public sealed class ImapVanishedResponse : ImapResponse
{
    internal ImapVanishedResponse(bool earlier, SequenceSet uids)
    {
        Earlier = earlier;
        Uids = uids;
    }

    /// <summary>True for <c>(EARLIER)</c>: removals from before this command.</summary>
    public bool Earlier { get; }

    /// <summary>The UIDs of the removed messages.</summary>
    public SequenceSet Uids { get; }
}
