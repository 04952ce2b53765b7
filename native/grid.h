/* The grid screen of the Approach-3 fit (grid.c): adds screenGrid and huberLse to the addon's
   exports where its vector code runs on this machine, nothing elsewhere. */
#ifndef SCALING_GRID_H
#define SCALING_GRID_H
#include <node_api.h>
napi_status gridExports(napi_env env, napi_value exports);
/* scaling.c's: the data and length of a typed array of the type `want`; 0 when it is not one. */
int typedArray(napi_env env, napi_value value, napi_typedarray_type want, void **data, size_t *length);
#endif
