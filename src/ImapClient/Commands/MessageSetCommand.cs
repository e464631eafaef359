using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// A command addressed to a set of messages by sequence number or UID (FETCH, STORE and their UID forms): what it
/// may run beside, and which untagged FETCH data is about its messages.
/// </summary>
internal abstract class MessageSetCommand<TResult>(string verb, SequenceSet set, bool byUid) : ImapCommand<TResult>
{
    private MailboxState? _mailbox;

    public override string Name => byUid ? "UID " + verb : verb;

    public override CommandTraits Traits => byUid ? CommandTraits.MayExpunge : CommandTraits.UsesSequenceNumbers;

    public override (SequenceSet Set, bool ByUid)? ClaimedMessages => (set, byUid);

    protected SequenceSet Set => set;

    /// <summary>The messages claimed for the result: expunges reported before the completion are applied to them.</summary>
    protected List<FetchedMessage> Results { get; } = [];

    public override void OnMessagesRemoved(ImapResponse removal)
    {
        if (Results.Count > 0 && ExpungedMessages.Apply(Results, removal))
        {
            OnResultsRenumbered();
        }
    }

    /// <summary>Called when a removal took messages out of <see cref="Results"/> or renumbered them.</summary>
    protected virtual void OnResultsRenumbered() { }

    protected bool ByUid => byUid;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override bool HasNothingToDo => set.IsEmpty;

    /// <summary>The selected mailbox, whose message count tells which message <c>*</c> is.</summary>
    public override void OnSending(ICommandContext context) => _mailbox = context.Mailbox;

    /// <summary>
    /// FETCH data that could not be parsed: by sequence number it is ours when the number is in our set; by UID the
    /// UID is unknown, so it is ours whenever we are in flight (FETCH data for two commands in flight never overlaps).
    /// </summary>
    protected override bool WouldClaim(ImapUnparsableResponse response) =>
        response.Keyword == "FETCH" && response.Number is { } number
        && (byUid || set.Contains(number, isLastMessage: number == _mailbox?.Exists));

    /// <summary>True, false, or null when the response lacks the key (a UID FETCH answered without UID).</summary>
    protected bool? Addresses(FetchedMessage message)
    {
        var key = byUid ? message.Uid : message.SequenceNumber;
        return key is { } number ? set.Contains(number, isLastMessage: message.SequenceNumber == _mailbox?.Exists) : null;
    }
}
