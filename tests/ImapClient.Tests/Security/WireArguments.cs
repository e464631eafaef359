using System.Globalization;
using System.Text;

namespace ImapClient.Tests.Security;

/// <summary>
/// Splits one command as the server reads it (tag, atoms, quoted strings, literals, parenthesised lists) and decodes
/// each argument, so a test can check that what the caller passed comes out whole, and that nothing in it ended the
/// command early. It refuses anything a server would read differently: a bare CR or LF, bytes after the final CRLF.
/// </summary>
internal static class WireArguments
{
    public static List<string> Decode(byte[] command)
    {
        Assert.That(command.Length, Is.GreaterThanOrEqualTo(2));
        Assert.That(command[^2..], Is.EqualTo("\r\n"u8.ToArray()), "a command ends with CRLF");
        var arguments = new List<string>();
        var at = 0;
        var end = command.Length - 2;
        while (at < end)
        {
            if (arguments.Count > 0)
            {
                Assert.That(command[at], Is.EqualTo((byte)' '), $"arguments are separated by one space (at {at})");
                at++;
            }

            arguments.Add(command[at] switch
            {
                (byte)'"' => Quoted(command, ref at),
                (byte)'{' => Literal(command, ref at),
                (byte)'(' => Until(command, ref at, (byte)')', inclusive: true),
                _ => Until(command, ref at, (byte)' ', inclusive: false),
            });
        }

        return arguments;
    }

    private static string Quoted(byte[] command, ref int at)
    {
        var value = new List<byte>();
        for (at++; command[at] != (byte)'"'; at++)
        {
            if (command[at] == (byte)'\\')
            {
                at++;
            }

            Assert.That(command[at], Is.Not.EqualTo((byte)'\r').And.Not.EqualTo((byte)'\n').And.Not.EqualTo((byte)0), "a quoted string holds no CR, LF or NUL");
            value.Add(command[at]);
        }

        at++;
        return Encoding.UTF8.GetString([.. value]);
    }

    private static string Literal(byte[] command, ref int at)
    {
        var close = Array.IndexOf(command, (byte)'}', at);
        var inside = Encoding.ASCII.GetString(command, at + 1, close - at - 1).TrimEnd('+');
        var length = int.Parse(inside, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.That(command[(close + 1)..(close + 3)], Is.EqualTo("\r\n"u8.ToArray()), "a literal's announcement ends with CRLF");
        var data = command[(close + 3)..(close + 3 + length)];
        Assert.That(data, Has.No.Member((byte)0), "a literal carries no NUL (CHAR8)");
        at = close + 3 + length;
        return Encoding.UTF8.GetString(data);
    }

    private static string Until(byte[] command, ref int at, byte stop, bool inclusive)
    {
        var start = at;
        while (at < command.Length - 2 && command[at] != stop)
        {
            Assert.That(command[at], Is.Not.EqualTo((byte)'\r').And.Not.EqualTo((byte)'\n').And.Not.EqualTo((byte)0),
                $"no CR, LF or NUL outside a literal (at {at} of \"{Encoding.UTF8.GetString(command)}\")");
            at++;
        }

        if (inclusive)
        {
            at++;
        }

        return Encoding.UTF8.GetString(command, start, at - start);
    }
}
