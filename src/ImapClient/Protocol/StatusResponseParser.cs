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

            if (reader.TryReadKeyword("MESSAGES"u8))
            {
                status.Messages = ReadValue(ref reader);
            }
            else if (reader.TryReadKeyword("UIDNEXT"u8))
            {
                status.UidNext = ReadValue(ref reader);
            }
            else if (reader.TryReadKeyword("UIDVALIDITY"u8))
            {
                status.UidValidity = ReadValue(ref reader);
            }
            else if (reader.TryReadKeyword("UNSEEN"u8))
            {
                status.Unseen = ReadValue(ref reader);
            }
            else if (reader.TryReadKeyword("RECENT"u8))
            {
                status.Recent = ReadValue(ref reader);
            }
            else if (reader.TryReadKeyword("DELETED"u8))
            {
                status.Deleted = ReadValue(ref reader);
            }
            else if (reader.TryReadKeyword("SIZE"u8))
            {
                reader.SkipSpaces();
                status.Size = reader.ReadNumber64();
            }
            else if (reader.TryReadKeyword("HIGHESTMODSEQ"u8))
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

    private static uint ReadValue(ref ImapReader reader)
    {
        reader.SkipSpaces();
        return reader.ReadNumber();
    }
}
