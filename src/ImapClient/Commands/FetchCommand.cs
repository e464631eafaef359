using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>FETCH or UID FETCH: claims the FETCH responses for messages in its set and merges them per message.</summary>
internal sealed class FetchCommand(SequenceSet set, FetchRequest request, bool byUid) : ImapCommand<IReadOnlyList<FetchedMessage>>
{
    private readonly List<FetchedMessage> _messages = [];
    private readonly Dictionary<uint, FetchedMessage> _bySequence = [];
    private MailboxState? _mailbox;

    public override string Name => byUid ? "UID FETCH" : "FETCH";

    public override CommandTraits Traits => byUid ? CommandTraits.MayExpunge : CommandTraits.UsesSequenceNumbers;

    public override (SequenceSet Set, bool ByUid)? ClaimedMessages => (set, byUid);

    /// <summary>The selected mailbox, whose message count tells which message <c>*</c> is.</summary>
    public override void OnSending(ImapSession session) => _mailbox = session.Mailbox;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ImapSession session) =>
        FetchEncoding.Encode(builder, session, Name, set, request);

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapFetchResponse { Message: var message })
        {
            return false;
        }

        var key = byUid ? message.Uid : message.SequenceNumber;
        if (key is not { } number || !set.Contains(number, isLastMessage: message.SequenceNumber == _mailbox?.Exists))
        {
            return false;
        }

        if (_bySequence.TryGetValue(message.SequenceNumber, out var existing))
        {
            existing.MergeFrom(message);
        }
        else
        {
            _bySequence.Add(message.SequenceNumber, message);
            _messages.Add(message);
        }

        return true;
    }

    protected override IReadOnlyList<FetchedMessage> BuildResult(ImapSession session, ImapStatusResponse completion) => _messages;
}
