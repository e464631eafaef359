using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// What SEARCH, SORT and THREAD share: they run on the selected mailbox, and what they may run beside follows from
/// how they address messages. By sequence number the server sends no EXPUNGE while they run (RFC 9051 section 5.5;
/// Dovecot treats SORT and THREAD like SEARCH), but an EXPUNGE from a command beside them would renumber their
/// result; the UID forms may see EXPUNGE, and a UID form whose query names sequence numbers needs both cares.
/// </summary>
internal abstract class SearchCommandBase<TResult>(string verb, SearchQuery query, bool byUid, CommandTraits uncorrelated)
    : ImapCommand<TResult>
{
    public override string Name => byUid ? "UID " + verb : verb;

    public override CommandTraits Traits
    {
        get
        {
            var traits = byUid ? CommandTraits.MayExpunge : CommandTraits.UsesSequenceNumbers;
            if ((query.Features & SearchFeatures.SequenceNumbers) != 0)
            {
                traits |= CommandTraits.UsesSequenceNumbers;
            }

            return traits | uncorrelated;
        }
    }

    protected SearchQuery Query => query;

    protected bool ByUid => byUid;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override bool HasNothingToDo => query.MatchesNothing;
}
