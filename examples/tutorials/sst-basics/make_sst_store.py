"""Writes data/sst.zarr: a small, synthetic sea-surface-temperature grid for the sst-basics tutorial.

Run once from this folder with the project's Python (xarray, zarr, numpy):

    ../../../.venv/bin/python make_sst_store.py

The field is analytic plus seeded noise, so the store (and the numbers the tutorial's checks
expect, printed at the end) are the same on every run. 5° grid, 12 months of 2020, float32,
one chunk per variable, Zarr v2 with consolidated metadata (readable by zarr 2 and 3).
"""

from pathlib import Path
import shutil

import numpy as np
import pandas as pd
import xarray as xr

OUT = Path(__file__).parent / "data" / "sst.zarr"


def make() -> xr.Dataset:
    lat = np.arange(-87.5, 90, 5.0)
    lon = np.arange(2.5, 360, 5.0)
    time = pd.date_range("2020-01-01", periods=12, freq="MS")
    month = np.arange(12)[:, None, None]
    la = lat[None, :, None]
    lo = lon[None, None, :]
    # Warm tropics, cold poles, a seasonal cycle opposite in each hemisphere, an El Niño-like
    # warm tongue in the eastern Pacific and a little seeded noise.
    base = 28.0 * np.cos(np.deg2rad(la)) ** 2 - 1.5
    season = 3.0 * np.sin(2 * np.pi * (month - 1) / 12) * np.sign(la) * (np.abs(la) / 90)
    tongue = 1.2 * np.exp(-(((lo - 215) / 25) ** 2) - (la / 8) ** 2) * np.cos(2 * np.pi * month / 12)
    noise = np.random.default_rng(42).normal(0, 0.2, size=(12, lat.size, lon.size))
    sst = np.maximum(base + season + tongue + noise, -1.8).astype("float32")
    # A rectangular "continent": no sea surface there.
    land = (la > 10) & (la < 50) & (lo > 80) & (lo < 120)
    sst = np.where(np.broadcast_to(land, sst.shape), np.nan, sst).astype("float32")
    ds = xr.Dataset(
        {"sst": (("time", "lat", "lon"), sst, {"units": "degC", "long_name": "sea surface temperature"})},
        coords={
            "time": time,
            "lat": ("lat", lat, {"units": "degrees_north", "standard_name": "latitude"}),
            "lon": ("lon", lon, {"units": "degrees_east", "standard_name": "longitude"}),
        },
        attrs={
            "title": "Synthetic monthly sea surface temperature, 5 degree grid, 2020",
            "source": "examples/tutorials/sst-basics/make_sst_store.py (analytic field + seeded noise)",
        },
    )
    return ds


def main() -> None:
    ds = make()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    encoding = {name: {"chunks": ds[name].shape} for name in ds.variables}
    ds.to_zarr(OUT, zarr_format=2, consolidated=True, encoding=encoding)
    nino = xr.open_zarr(OUT).sst.sel(lat=slice(-5, 5), lon=slice(190, 240))
    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"wrote {OUT} ({size} bytes)")
    print("Nino 3.4 box:", nino.sizes, "mean over the year:", round(float(nino.mean()), 3))
    print("monthly:", [round(float(v), 3) for v in nino.mean(["lat", "lon"]).values])


if __name__ == "__main__":
    main()
