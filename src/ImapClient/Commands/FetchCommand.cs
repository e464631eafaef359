using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>FETCH or UID FETCH: claims the FETCH responses for messages in its set and merges them per message.</summary>
internal sealed class FetchCommand(SequenceSet set, FetchRequest request, bool byUid)
    : MessageSetCommand<IReadOnlyList<FetchedMessage>>("FETCH", set, byUid)
{
    // Servers answer in ascending order, so a number above every one seen is a new message and needs no lookup.
    // The index is built only if a server goes back to a number (more data for a message it already sent).
    private Dictionary<uint, FetchedMessage>? _bySequence;
    private uint _highest;

    public override void Encode(CommandBuilder builder, ICommandContext context) =>
        FetchEncoding.Encode(builder, context, Name, Set, request);

    private List<SequenceSet>? _vanished;

    /// <summary>With <see cref="FetchRequest.Vanished"/>: the UIDs the server reported removed (VANISHED (EARLIER)).</summary>
    public SequenceSet? Vanished => _vanished switch
    {
        null => null,
        [var only] => only,
        _ => SequenceSet.Parse(string.Join(',', _vanished)),
    };

    public override bool TryClaim(ImapResponse response)
    {
        if (request.Vanished && response is ImapVanishedResponse { Earlier: true } vanished)
        {
            (_vanished ??= []).Add(vanished.Uids);
            return true;
        }

        return false;
    }

    public override bool TryClaimFetch(FetchedMessage message)
    {
        if (Addresses(message) != true)
        {
            return false;
        }

        var number = ByUid ? message.Uid!.Value : message.SequenceNumber;
        if (number > _highest || Results.Count == 0)
        {
            _highest = Math.Max(_highest, number);
            _bySequence?.Add(number, message);
            Results.Add(message);
            message.ParseAheadWanted = request.ParseWhileReceiving;
            return true;
        }

        _bySequence ??= Results.ToDictionary(m => ByUid ? m.Uid!.Value : m.SequenceNumber);
        if (_bySequence.TryGetValue(number, out var existing))
        {
            existing.MergeFrom(message);

            // Rare (a server sending a message twice), so built here, under the session's lock, rather than after it.
            if (request.ParseWhileReceiving)
            {
                existing.ParseAhead();
            }
        }
        else
        {
            _bySequence.Add(number, message);
            Results.Add(message);
            message.ParseAheadWanted = request.ParseWhileReceiving;
        }

        return true;
    }

    /// <summary>An expunge renumbered or removed messages: the index by number is rebuilt when next needed.</summary>
    protected override void OnResultsRenumbered()
    {
        _bySequence = null;
        _highest = 0;
        foreach (var message in Results)
        {
            _highest = Math.Max(_highest, ByUid ? message.Uid!.Value : message.SequenceNumber);
        }
    }

    protected override IReadOnlyList<FetchedMessage> BuildResult(ICommandContext context, ImapStatusResponse completion) => Results;
}
