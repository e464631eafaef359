using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>FETCH or UID FETCH: claims the FETCH responses for messages in its set and merges them per message.</summary>
internal sealed class FetchCommand(SequenceSet set, FetchRequest request, bool byUid)
    : MessageSetCommand<IReadOnlyList<FetchedMessage>>("FETCH", set, byUid)
{
    private readonly List<FetchedMessage> _messages = [];
    private readonly Dictionary<uint, FetchedMessage> _bySequence = [];

    public override void Encode(CommandBuilder builder, ImapSession session) =>
        FetchEncoding.Encode(builder, session, Name, Set, request);

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapFetchResponse { Message: var message })
        {
            return false;
        }

        if (Addresses(message) != true)
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
