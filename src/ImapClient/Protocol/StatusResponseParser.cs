namespace ImapClient.Protocol;

/// <summary><c>STATUS mailbox (name value …)</c> into typed values; items this library does not know are skipped.</summary>
internal static class StatusResponseParser
{
    public static ImapMailboxStatusResponse Parse(ref ImapReader reader, bool utf8Names)
    {
        reader.SkipSpaces();
        var status = new MailboxStatus(MailboxName.FromWire(reader.ReadAString(), utf8Names));
        reader.SkipSpaces();
        reader.Expect((byte)'(');
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return new ImapMailboxStatusResponse(status);
            }

            var item = ReadItemName(ref reader);
            if (item == StatusItems.Messages)
            {
                status.Messages = ReadValue(ref reader);
            }
            else if (item == StatusItems.UidNext)
            {
                status.UidNext = ReadValue(ref reader);
            }
            else if (item == StatusItems.UidValidity)
            {
                status.UidValidity = ReadValue(ref reader);
            }
            else if (item == StatusItems.Unseen)
            {
                status.Unseen = ReadValue(ref reader);
            }
            else if (item == StatusItems.Recent)
            {
                status.Recent = ReadValue(ref reader);
            }
            else if (item == StatusItems.Deleted)
            {
                status.Deleted = ReadValue(ref reader);
            }
            else if (item == StatusItems.Size)
            {
                reader.SkipSpaces();
                status.Size = reader.ReadNumber64();
            }
            else if (item == StatusItems.HighestModSeq)
            {
                reader.SkipSpaces();
                status.HighestModSeq = reader.ReadNumber64();
            }
            else
            {
                // MAILBOXID (…), APPENDLIMIT, DELETED-STORAGE …: a name, then a value of any shape.
                reader.ReadAtom();
                reader.SkipSpaces();
                reader.SkipValue();
            }
        }
    }

    /// <summary>Reads a known item name (see <see cref="StatusItemNames"/>); <see cref="StatusItems.None"/> and nothing read when the name is not one.</summary>
    private static StatusItems ReadItemName(ref ImapReader reader)
    {
        var names = StatusItemNames.Utf8Names;
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.TryReadKeyword(names[i]))
            {
                return StatusItemNames.All[i].Item;
            }
        }

        return StatusItems.None;
    }

    private static uint ReadValue(ref ImapReader reader)
    {
        reader.SkipSpaces();
        return reader.ReadNumber();
    }
}
