namespace ImapClient.Protocol;

/// <summary>How a <see cref="FetchRequest"/> is written into a FETCH command: the request holds what to fetch, this writes it.</summary>
internal static class FetchRequestEncoding
{
    /// <summary>
    /// Writes the items as the FETCH command takes them (a macro, one item, or a parenthesised list, then any
    /// CHANGEDSINCE modifier) straight into the command's bytes.
    /// </summary>
    /// <exception cref="ArgumentException">The request names no items.</exception>
    public static void WriteTo(this FetchRequest request, CommandBuilder builder)
    {
        var sections = request.BodySections;
        var items = request.Items;
        if (sections.Count == 0 && request.ChangedSince is null && Macro(items) is { Length: > 0 } macro)
        {
            builder.Raw(macro);
            return;
        }

        var count = sections.Count;
        foreach (var (item, _) in ItemNames)
        {
            if ((items & item) != 0)
            {
                count++;
            }
        }

        if (count == 0)
        {
            throw new ArgumentException("The fetch request names no items.");
        }

        if (count > 1)
        {
            builder.Raw("("u8);
        }

        var first = true;
        foreach (var (item, name) in ItemNames)
        {
            if ((items & item) != 0)
            {
                Separate(builder, ref first).Raw(name);
            }
        }

        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            Separate(builder, ref first).Raw(s.Binary ? "BINARY"u8 : "BODY"u8).Raw(s.Peek ? ".PEEK["u8 : "["u8).Raw(s.Section).Raw("]"u8);
            if (s is { Offset: { } offset, Count: { } length })
            {
                builder.Raw("<"u8).Number((ulong)offset).Raw("."u8).Number((ulong)length).Raw(">"u8);
            }
        }

        if (count > 1)
        {
            builder.Raw(")"u8);
        }

        if (request.ChangedSince is { } since)
        {
            builder.Raw(" (CHANGEDSINCE "u8).Number(since).Raw(request.Vanished ? " VANISHED)"u8 : ")"u8);
        }

        static CommandBuilder Separate(CommandBuilder builder, ref bool first)
        {
            if (!first)
            {
                builder.Space();
            }

            first = false;
            return builder;
        }
    }

    /// <summary>The items in the order they are written (RFC 3501 names).</summary>
    private static readonly (FetchItems Item, string Name)[] ItemNames =
    [
        (FetchItems.Uid, "UID"),
        (FetchItems.Flags, "FLAGS"),
        (FetchItems.InternalDate, "INTERNALDATE"),
        (FetchItems.Size, "RFC822.SIZE"),
        (FetchItems.Envelope, "ENVELOPE"),
        (FetchItems.BodyStructure, "BODYSTRUCTURE"),
        (FetchItems.Body, "BODY"),
        (FetchItems.Rfc822, "RFC822"),
        (FetchItems.ModSeq, "MODSEQ"),
    ];

    private static ReadOnlySpan<byte> Macro(FetchItems items) => items switch
    {
        FetchItems.All => "ALL"u8,
        FetchItems.Fast => "FAST"u8,
        FetchItems.Full => "FULL"u8,
        _ => default,
    };
}
