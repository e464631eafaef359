using System.Globalization;
using System.Text;

namespace ImapClient.Tests.Properties;

/// <summary>An address as the test generates it: what the parser must give back.</summary>
internal sealed record AddressModel(string? Name, string Mailbox, string Host);

/// <summary>A body structure as generated: a text part or a multipart of others.</summary>
internal abstract record BodyModel;

internal sealed record TextBodyModel(string Subtype, string Charset, long Octets, long Lines) : BodyModel;

internal sealed record MultipartBodyModel(string Subtype, BodyModel[] Parts) : BodyModel;

/// <summary>One FETCH response as generated, and how it is written in IMAP syntax.</summary>
internal sealed record FetchModel(
    uint Sequence, uint Uid, SystemFlags Flags, string[] Keywords, long Size, DateTimeOffset InternalDate,
    string? Subject, AddressModel[] From, AddressModel[] To, string? MessageId, BodyModel Body, bool[] UseLiterals)
{
    private int _choice;

    /// <summary>The response bytes. Strings are quoted or literals as <see cref="UseLiterals"/> says (non-ASCII: always literals).</summary>
    public byte[] Encode()
    {
        _choice = 0;
        var wire = new MemoryStream();
        Write(wire, $"* {Sequence} FETCH (UID {Uid} FLAGS (");
        Write(wire, string.Join(' ', FlagAtoms().Concat(Keywords)));
        Write(wire, $") RFC822.SIZE {Size} INTERNALDATE \"{InternalDate.ToString("dd-MMM-yyyy HH:mm:ss ", CultureInfo.InvariantCulture)}{Zone(InternalDate.Offset)}\" ENVELOPE (NIL ");
        WriteNString(wire, Subject);
        Write(wire, " ");
        WriteAddresses(wire, From);
        Write(wire, " NIL NIL ");
        WriteAddresses(wire, To);
        Write(wire, " NIL NIL NIL ");
        WriteNString(wire, MessageId);
        Write(wire, ") BODYSTRUCTURE ");
        WriteBody(wire, Body);
        Write(wire, ")\r\n");
        return wire.ToArray();
    }

    private IEnumerable<string> FlagAtoms()
    {
        foreach (var (flag, atom) in new[]
        {
            (SystemFlags.Answered, "\\Answered"), (SystemFlags.Flagged, "\\Flagged"), (SystemFlags.Deleted, "\\Deleted"),
            (SystemFlags.Seen, "\\Seen"), (SystemFlags.Draft, "\\Draft"),
        })
        {
            if ((Flags & flag) != 0)
            {
                yield return atom;
            }
        }
    }

    private static string Zone(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    private void WriteAddresses(MemoryStream wire, AddressModel[] addresses)
    {
        if (addresses.Length == 0)
        {
            Write(wire, "NIL");
            return;
        }

        Write(wire, "(");
        foreach (var address in addresses)
        {
            Write(wire, "(");
            WriteNString(wire, address.Name);
            Write(wire, " NIL ");
            WriteNString(wire, address.Mailbox);
            Write(wire, " ");
            WriteNString(wire, address.Host);
            Write(wire, ")");
        }

        Write(wire, ")");
    }

    private void WriteBody(MemoryStream wire, BodyModel body)
    {
        switch (body)
        {
            case TextBodyModel text:
                Write(wire, "(\"text\" ");
                WriteNString(wire, text.Subtype);
                Write(wire, " (\"charset\" ");
                WriteNString(wire, text.Charset);
                Write(wire, $") NIL NIL \"7bit\" {text.Octets} {text.Lines})");
                break;
            case MultipartBodyModel multipart:
                Write(wire, "(");
                foreach (var part in multipart.Parts)
                {
                    WriteBody(wire, part);
                }

                Write(wire, " ");
                WriteNString(wire, multipart.Subtype);
                Write(wire, ")");
                break;
        }
    }

    private void WriteNString(MemoryStream wire, string? value)
    {
        if (value is null)
        {
            Write(wire, "NIL");
            return;
        }

        var literal = UseLiterals[_choice++ % UseLiterals.Length] || value.Any(c => c > 0x7e);
        if (literal)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Write(wire, $"{{{bytes.Length}}}\r\n");
            wire.Write(bytes);
        }
        else
        {
            Write(wire, "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }
    }

    private static void Write(MemoryStream wire, string ascii) => wire.Write(Encoding.UTF8.GetBytes(ascii));
}
