using System.Buffers.Text;

namespace ImapClient.Benchmarks.Wire;

/// <summary>Just enough IMAP framing for the harness: where each response ends, literals included.</summary>
internal static class ImapWire
{
    /// <summary>
    /// Finds the end of the complete response starting at <paramref name="start"/> (the offset after its final CRLF),
    /// following <c>{n}</c>, <c>{n+}</c> and <c>~{n}</c> literals; -1 when the data ends first.
    /// </summary>
    public static int ResponseEnd(ReadOnlySpan<byte> data, int start)
    {
        var position = start;
        while (true)
        {
            var lf = data[position..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                return -1;
            }

            var lineEnd = position + lf + 1;
            if (TryLiteralLength(data[position..(lineEnd - 1)], out var length))
            {
                if (lineEnd + length > data.Length)
                {
                    return -1;
                }

                position = lineEnd + (int)length;
                continue;
            }

            return lineEnd;
        }
    }

    /// <summary>The end offsets of every complete response in <paramref name="data"/>.</summary>
    public static List<int> ResponseEnds(ReadOnlySpan<byte> data)
    {
        var ends = new List<int>();
        var position = 0;
        while (position < data.Length)
        {
            var end = ResponseEnd(data, position);
            if (end < 0)
            {
                throw new InvalidDataException($"Incomplete response at offset {position}.");
            }

            ends.Add(end);
            position = end;
        }

        return ends;
    }

    /// <summary>True when a line (without LF) ends in a literal announcement, e.g. <c>{123}</c> or <c>{123+}</c>.</summary>
    public static bool TryLiteralLength(ReadOnlySpan<byte> line, out long length)
    {
        length = 0;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Length < 3 || line[^1] != (byte)'}')
        {
            return false;
        }

        var open = line.LastIndexOf((byte)'{');
        if (open < 0)
        {
            return false;
        }

        var digits = line[(open + 1)..^1];
        if (digits.Length > 0 && digits[^1] is (byte)'+' or (byte)'-')
        {
            digits = digits[..^1];
        }

        return Utf8Parser.TryParse(digits, out length, out var consumed) && consumed == digits.Length;
    }
}
