using System.Text;

namespace ImapClient.Protocol;

/// <summary>
/// The wire names of the STATUS items: the encoder writes the list STATUS and LIST … RETURN (STATUS …) take, and
/// <see cref="StatusResponseParser"/> reads the answer by the same names.
/// </summary>
internal static class StatusItemNames
{
    public static readonly (StatusItems Item, string Name)[] All =
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

    /// <summary>The names of <see cref="All"/> as bytes, index for index.</summary>
    public static readonly byte[][] Utf8Names = Array.ConvertAll(All, static entry => Encoding.ASCII.GetBytes(entry.Name));

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
