// netstandard2.0 has no System.Threading.Lock; `lock` on a plain object gives the same exclusion.
global using Lock = object;
