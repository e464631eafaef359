using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// STORE with UNCHANGEDSINCE (RFC 7162): changes only messages whose MODSEQ is not above the value; the others are
/// reported in the tagged OK's <c>[MODIFIED set]</c>.
/// </summary>
internal sealed class ConditionalStoreCommand(SequenceSet set, StoreAction action, MessageFlags flags, ulong unchangedSince, bool silent, bool byUid)
    : MessageSetCommand<ConditionalStoreResult>("STORE", set, byUid)
{
    public override bool ChangesMailbox => true;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        if (!context.Capabilities.Contains("CONDSTORE") && !context.Capabilities.Contains("QRESYNC"))
        {
            throw new NotSupportedException("UNCHANGEDSINCE needs CONDSTORE (RFC 7162), which this server does not offer.");
        }

        builder.Raw(Name).Space().Set(Set).Raw(" (UNCHANGEDSINCE "u8).Number(unchangedSince).Raw(") "u8)
            .StoreItem(action, silent).FlagList(flags).EndLine();
    }

    public override bool TryClaimFetch(FetchedMessage message)
    {
        if (message.Flags is null || Addresses(message) != true)
        {
            return false;
        }

        Results.Add(message);
        return true;
    }

    protected override ConditionalStoreResult BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        new(Results, completion.Code is { Kind: ImapResponseCodeKind.Modified, Set: { } modified } ? modified : null);
}
