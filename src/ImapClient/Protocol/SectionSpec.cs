using System.Buffers;
using System.Text;

namespace ImapClient.Protocol;

/// <summary>The section spec a server sent between the brackets of <c>BODY[…]</c>, read into its normal form (<see cref="SectionNormalForm"/>).</summary>
internal static class SectionSpec
{
    /// <summary>
    /// The normal form of the bytes a server sent between the brackets. The sections every message of a big FETCH
    /// repeats (the whole message, HEADER, TEXT) cost no string; any other costs the one it is kept as.
    /// </summary>
    public static string FromResponse(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }

        // The sections a big FETCH repeats for every message, already in normal form as nearly every server sends
        // them: no decoding and no normalising for those.
        if (bytes.IsSingleSegment)
        {
            var span = bytes.FirstSpan;
            if (span.SequenceEqual("HEADER"u8))
            {
                return "HEADER";
            }

            if (span.SequenceEqual("TEXT"u8))
            {
                return "TEXT";
            }
        }

        var length = checked((int)bytes.Length);
        char[]? rented = null;
        var buffer = 3 * length <= SectionNormalForm.StackLimit ? stackalloc char[SectionNormalForm.StackLimit] : (rented = ArrayPool<char>.Shared.Rent(3 * length));
        try
        {
            // Section bytes are ASCII; any other byte is widened as Latin-1 rather than dropped, so it still compares.
            var raw = buffer[..length];
            Encoding.Latin1.GetChars(bytes, raw);
            var output = buffer[length..];
            var normal = output[..SectionNormalForm.Normalize(raw, output)];
            return normal switch
            {
                "" => "",
                "HEADER" => "HEADER",
                "TEXT" => "TEXT",
                _ => new string(normal),
            };
        }
        finally
        {
            SectionNormalForm.Return(rented);
        }
    }
}
