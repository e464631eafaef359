using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>STORE or UID STORE: returns the flags the server reported for each message it changed.</summary>
internal sealed class StoreCommand(SequenceSet set, StoreAction action, MessageFlags flags, bool silent, bool byUid)
    : MessageSetCommand<IReadOnlyList<FetchedMessage>>("STORE", set, byUid)
{
    public override bool ChangesMailbox => true;

    public override void Encode(CommandBuilder builder, ImapSession session)
    {
        var prefix = action switch
        {
            StoreAction.Add => "+FLAGS",
            StoreAction.Remove => "-FLAGS",
            _ => "FLAGS",
        };
        builder.Raw(Name).Space().Raw(Set.ToString()).Space().Raw(prefix).Raw(silent ? ".SILENT " : " ").FlagList(flags).EndLine();
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

    protected override IReadOnlyList<FetchedMessage> BuildResult(ImapSession session, ImapStatusResponse completion) => Results;
}
