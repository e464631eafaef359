using ImapClient.Protocol;

namespace ImapClient.Commands;

/// <summary>Writes status items as the parenthesised list STATUS and LIST … RETURN (STATUS …) take.</summary>
internal static class StatusItemNames
{
    private static readonly (StatusItems Item, string Name)[] All =
    [
        (StatusItems.Messages, "MESSAGES"),
        (StatusItems.Recent, "RECENT"),
        (StatusItems.UidNext, "UIDNEXT"),
        (StatusItems.UidValidity, "UIDVALIDITY"),
        (StatusItems.Unseen, "UNSEEN"),
        (StatusItems.Deleted, "DELETED"),
        (StatusItems.Size, "SIZE"),
        (StatusItems.HighestModSeq, "HIGHESTMODSEQ"),
    ];

    public static CommandBuilder StatusItemList(this CommandBuilder builder, StatusItems items)
    {
        builder.Raw("("u8);
        var first = true;
        foreach (var (item, name) in All)
        {
            if ((items & item) != 0)
            {
                builder.Raw(first ? "" : " ").Raw(name);
                first = false;
            }
        }

        return builder.Raw(")"u8);
    }
}
