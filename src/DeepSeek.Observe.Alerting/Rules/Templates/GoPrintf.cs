using System.Globalization;
using System.Text;

namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>
/// Go's <c>fmt.Sprintf</c> for the verbs alert templates use (<c>%s %v %d %f %e %g %q %x %t %%</c>, flags
/// <c>-+0 </c>, width, precision), including Go's in-band error text for a wrong or missing argument
/// (<c>%!d(float64=1.5)</c>, <c>%!s(MISSING)</c>) so output matches Prometheus's.
/// </summary>
internal static class GoPrintf
{
    public static string Format(string format, IReadOnlyList<object?> args)
    {
        var output = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                output.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                output.Append("%!(NOVERB)");
                break;
            }

            var spec = ReadSpec(format, ref i);
            if (spec.Verb == '%')
            {
                output.Append('%');
                continue;
            }

            if (next >= args.Count)
            {
                output.Append("%!").Append(spec.Verb).Append("(MISSING)");
                continue;
            }

            output.Append(Pad(FormatOne(spec, args[next++]), spec));
        }

        for (var extra = next; extra < args.Count; extra++)
        {
            output.Append(extra == next ? "%!(EXTRA " : ", ").Append(TemplateValues.GoType(args[extra])).Append('=').Append(TemplateValues.Print(args[extra]));
            if (extra == args.Count - 1)
            {
                output.Append(')');
            }
        }

        return output.ToString();
    }

    private static Spec ReadSpec(string format, ref int i)
    {
        var spec = new Spec();
        for (; i < format.Length && format[i] is '-' or '+' or '0' or ' ' or '#'; i++)
        {
            switch (format[i])
            {
                case '-': spec.Left = true; break;
                case '+': spec.Plus = true; break;
                case '0': spec.Zero = true; break;
                case ' ': spec.Space = true; break;
                default: break;
            }
        }

        spec.Width = ReadNumber(format, ref i);
        if (i < format.Length && format[i] == '.')
        {
            i++;
            spec.Precision = ReadNumber(format, ref i) ?? 0;
        }

        spec.Verb = i < format.Length ? format[i] : '!';
        return spec;
    }

    private static int? ReadNumber(string format, ref int i)
    {
        int? value = null;
        for (; i < format.Length && char.IsAsciiDigit(format[i]); i++)
        {
            value = Math.Min(((value ?? 0) * 10) + (format[i] - '0'), 1_000);
        }

        return value;
    }

    private static string FormatOne(Spec spec, object? arg) => (spec.Verb, arg) switch
    {
        ('v', double d) => Signed(spec, GoFormat.Shortest(d)),
        ('v', _) => TemplateValues.Print(arg),
        ('s', string s) => spec.Precision is { } p && p < s.Length ? s[..p] : s,
        ('s', IReadOnlyDictionary<string, string>) => TemplateValues.Print(arg),
        ('q', string s) => Quote(s),
        ('t', bool b) => b ? "true" : "false",
        ('d', long l) => Signed(spec, l.ToString(CultureInfo.InvariantCulture)),
        ('x', long l) => l.ToString("x", CultureInfo.InvariantCulture),
        ('X', long l) => l.ToString("X", CultureInfo.InvariantCulture),
        ('x', string s) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
        ('f' or 'F', double d) => Signed(spec, GoFormat.F(d, spec.Precision ?? 6)),
        ('e', double d) => Signed(spec, GoFormat.E(d, spec.Precision ?? 6)),
        ('g', double d) => Signed(spec, GoFormat.G(d, spec.Precision ?? -1)),
        _ => $"%!{spec.Verb}({TemplateValues.GoType(arg)}={TemplateValues.Print(arg)})",
    };

    private static string Signed(Spec spec, string number) =>
        number.StartsWith('-') || number.StartsWith('+') ? number
        : spec.Plus ? "+" + number
        : spec.Space ? " " + number
        : number;

    private static string Pad(string text, Spec spec)
    {
        if (spec.Width is not { } width || text.Length >= width)
        {
            return text;
        }

        if (spec.Left)
        {
            return text.PadRight(width);
        }

        if (spec.Zero && spec.Verb is 'd' or 'f' or 'F' or 'e' or 'g' && text.Length > 0 && text[0] is '-' or '+')
        {
            return text[0] + text[1..].PadLeft(width - 1, '0');
        }

        return text.PadLeft(width, spec.Zero && spec.Verb is 'd' or 'f' or 'F' or 'e' or 'g' ? '0' : ' ');
    }

    private static string Quote(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private sealed class Spec
    {
        public bool Left { get; set; }

        public bool Plus { get; set; }

        public bool Zero { get; set; }

        public bool Space { get; set; }

        public int? Width { get; set; }

        public int? Precision { get; set; }

        public char Verb { get; set; }
    }
}
