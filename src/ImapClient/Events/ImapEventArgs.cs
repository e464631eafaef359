namespace ImapClient;

/// <summary>An untagged response that no command in flight claimed.</summary>
public sealed class UntaggedResponseEventArgs(ImapResponse response) : EventArgs
{
    /// <summary>The typed response.</summary>
    public ImapResponse Response { get; } = response;
}

/// <summary>An <c>[ALERT]</c> the server wants shown to the user.</summary>
public sealed class AlertEventArgs(string text) : EventArgs
{
    /// <summary>The alert text.</summary>
    public string Text { get; } = text;
}

/// <summary>The number of messages in the selected mailbox changed (an unsolicited EXISTS).</summary>
public sealed class MailboxSizeChangedEventArgs(uint exists) : EventArgs
{
    /// <summary>The new number of messages.</summary>
    public uint Exists { get; } = exists;
}

/// <summary>A message was expunged from the selected mailbox.</summary>
public sealed class MessageExpungedEventArgs(uint sequenceNumber) : EventArgs
{
    /// <summary>The sequence number the message had; later messages moved down by one.</summary>
    public uint SequenceNumber { get; } = sequenceNumber;
}

/// <summary>A message's flags changed (an unsolicited FETCH with FLAGS).</summary>
public sealed class FlagsChangedEventArgs(uint sequenceNumber, uint? uid, MessageFlags flags) : EventArgs
{
    /// <summary>The message's sequence number.</summary>
    public uint SequenceNumber { get; } = sequenceNumber;

    /// <summary>The message's UID, when the server included it.</summary>
    public uint? Uid { get; } = uid;

    /// <summary>The message's flags now.</summary>
    public MessageFlags Flags { get; } = flags;
}

/// <summary>The server said BYE: it is closing the connection.</summary>
public sealed class ByeEventArgs(string text) : EventArgs
{
    /// <summary>The server's text.</summary>
    public string Text { get; } = text;
}

/// <summary>The server sent a continuation request (<c>+</c>).</summary>
public sealed class ContinuationRequestedEventArgs(string text) : EventArgs
{
    /// <summary>The text after <c>+</c>.</summary>
    public string Text { get; } = text;
}

/// <summary>Messages were removed, named by UID (an unsolicited VANISHED, RFC 7162 QRESYNC).</summary>
public sealed class MessagesVanishedEventArgs(SequenceSet uids, bool earlier) : EventArgs
{
    /// <summary>The UIDs of the removed messages.</summary>
    public SequenceSet Uids { get; } = uids;

    /// <summary>True when the server reports removals from before (VANISHED (EARLIER)).</summary>
    public bool Earlier { get; } = earlier;
}

/// <summary>
/// The server sent a tagged response for a tag that no command in flight carries: one never sent, or one already
/// completed. Tags are unique per connection and the response was framed correctly, so nothing was misrouted: the
/// response is reported here (and logged as a warning, event id 402) and the connection goes on.
/// </summary>
public sealed class UnexpectedCompletionEventArgs(string tag, ImapResponse response) : EventArgs
{
    /// <summary>The tag the server sent.</summary>
    public string Tag { get; } = tag;

    /// <summary>
    /// The response: an <see cref="ImapStatusResponse"/>, or an <see cref="ImapUnparsableResponse"/> when its text could
    /// not be parsed.
    /// </summary>
    public ImapResponse Response { get; } = response;
}
