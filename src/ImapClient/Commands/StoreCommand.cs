using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>STORE or UID STORE: returns the flags the server reported for each message it changed.</summary>
internal sealed class StoreCommand(SequenceSet set, StoreAction action, MessageFlags flags, bool silent, bool byUid)
    : MessageSetCommand<IReadOnlyList<FetchedMessage>>("STORE", set, byUid)
{
    public override bool ChangesMailbox => true;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw(Name).Space().Set(Set).Space().StoreItem(action, silent).FlagList(flags).EndLine();
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

    protected override IReadOnlyList<FetchedMessage> BuildResult(ICommandContext context, ImapStatusResponse completion) => Results;
}

/// <summary>The data item STORE changes: <c>FLAGS</c>, <c>+FLAGS</c> or <c>-FLAGS</c>, optionally <c>.SILENT</c>.</summary>
internal static class StoreItemEncoding
{
    /// <summary>Writes the item and the space before the flag list.</summary>
    public static CommandBuilder StoreItem(this CommandBuilder builder, StoreAction action, bool silent) =>
        builder.Raw(action switch
        {
            StoreAction.Add => "+FLAGS"u8,
            StoreAction.Remove => "-FLAGS"u8,
            _ => "FLAGS"u8,
        }).Raw(silent ? ".SILENT "u8 : " "u8);
}
